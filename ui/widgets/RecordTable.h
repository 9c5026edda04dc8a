#pragma once

class QTableView;

// The read-only, sortable, one-row-at-a-time table the list pages share (SCIM Servers,
// Application Manager): whole-row selection, no in-place editing, no row numbers.
namespace RecordTable {

void setUp(QTableView* table);

} // namespace RecordTable
