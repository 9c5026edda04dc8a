#include "CsvImportLimits.h"

#include <QCoreApplication>
#include <QLocale>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("DirectoryCsvImporter", text);
}

// The messages are English; so are their numbers ("5,000,000", "1.0 GiB").
const QLocale& english()
{
    static const QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}

QString bytesText(qint64 bytes)
{
    return english().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}
} // namespace

QString CsvImportLimits::fileTooLarge(const QString& path, qint64 size) const
{
    return tr("%1 is %2; a CSV import takes files of at most %3 and %4 rows. Nothing was imported. %5")
        .arg(path, bytesText(size), bytesText(maxFileBytes), english().toString(maxRows), whatToDoInstead());
}

QString CsvImportLimits::tooManyRows() const
{
    return tr("The file has more than %1 rows; a CSV import takes at most %1 rows (and %2). Nothing was imported. %3")
        .arg(english().toString(maxRows), bytesText(maxFileBytes), whatToDoInstead());
}

QString CsvImportLimits::whatToDoInstead() const
{
    return tr("Split the file into smaller files and import them one after the other (users before groups), or "
              "connect a directory of that size (Active Directory, LDAP) as the identity source instead of importing "
              "it.");
}
