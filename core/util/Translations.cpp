#include "Translations.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QTranslator>

namespace {
class EnglishPluralTranslator : public QTranslator
{
public:
    using QTranslator::QTranslator;

    bool isEmpty() const override { return false; }

    QString translate(const char* context, const char* sourceText, const char* disambiguation, int n) const override
    {
        Q_UNUSED(context)
        Q_UNUSED(disambiguation)
        if (n < 0 || !sourceText) {
            return {}; // not a plural message: Qt shows the source text
        }
        const QString source = QString::fromUtf8(sourceText);
        if (!source.contains(QLatin1String("(s)")) && !source.contains(QLatin1String("(es)"))) {
            return {};
        }
        return Translations::englishPlural(source, n);
    }
};
} // namespace

QString Translations::englishPlural(const QString& source, int n)
{
    static const QRegularExpression ending(QStringLiteral("\\((e?s)\\)( (?:have|are|were)\\b)?"));
    const bool one = n == 1;
    QString result;
    qsizetype from = 0;
    auto match = ending.globalMatch(source);
    while (match.hasNext()) {
        const auto found = match.next();
        result += source.mid(from, found.capturedStart() - from);
        if (!one) {
            result += found.captured(1);
        }
        const QString verb = found.captured(2);
        if (!verb.isEmpty()) {
            static const QHash<QString, QString> singular {
                {QStringLiteral(" have"), QStringLiteral(" has")},
                {QStringLiteral(" are"), QStringLiteral(" is")},
                {QStringLiteral(" were"), QStringLiteral(" was")},
            };
            result += one ? singular.value(verb, verb) : verb;
        }
        from = found.capturedEnd();
    }
    result += source.mid(from);
    return result;
}

bool Translations::install()
{
    auto* application = QCoreApplication::instance();
    if (!application) {
        return false;
    }
    if (application->findChild<QTranslator*>(QStringLiteral("scimdeskEnglishPlurals"))) {
        return true;
    }
    auto* translator = new EnglishPluralTranslator(application);
    translator->setObjectName(QStringLiteral("scimdeskEnglishPlurals"));
    return QCoreApplication::installTranslator(translator);
}
