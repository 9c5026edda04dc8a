#pragma once

#include "model/ScopingFilter.h"

#include <QJsonArray>

// Scoping filters are stored as one JSON document per assignment.
namespace ScopingFilterJson {
QJsonArray toJson(const ScopingFilters& filters);
ScopingFilters fromJson(const QJsonArray& json);
} // namespace ScopingFilterJson
