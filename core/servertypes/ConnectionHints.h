#pragma once

#include <QList>
#include <QPair>
#include <QString>

// What a server-type preset tells the guided connection test about its product
// ("connectionHints" in resources/server-types/*.json): the shape of a correct URL, where
// the admin finds the URL and the token in the product's console, and the URLs admins paste
// by mistake. Every field is optional; the test falls back to generic wording without it.
struct ConnectionHints
{
    // A URL admins paste instead of the SCIM endpoint (a sign-in page, a console page, ...).
    struct WrongUrl
    {
        QString id; // stable, e.g. "aws-access-portal"; UrlDiagnosis::wrongUrlId()
        QString hostPattern; // regex on the lower-case host; a group named after a URL part captures it
        QString pathPattern; // regex on the path; empty: any path
        QString what; // what the pasted URL is, e.g. "This is the AWS access portal URL, not the SCIM endpoint."
    };

    // A correct URL with its variable parts in angle brackets, e.g.
    // "https://scim.<region>.amazonaws.com/<tenant-id>/scim/v2/". A URL whose host fits the
    // template is checked part by part against its path.
    QString urlTemplate;
    // The pattern each <part> of urlTemplate must match, in template order. A URL part of the
    // host must match for the host to count as this product's; a part of the path that does
    // not match is reported as a warning (truncated or mistyped).
    QList<QPair<QString, QString>> urlParts;
    // Where the admin finds the SCIM URL, e.g. "IAM Identity Center → Settings → ... → SCIM endpoint".
    QString endpointLocation;
    // Where the admin creates a new token or secret.
    QString tokenLocation;
    // One sentence about rotating tokens, e.g. "At most two tokens exist at a time: ...".
    QString tokenRotation;
    // One more cause sentence for a 401; may name URL parts, e.g. "... (<tenant-id>) ...". It is
    // used only when every part it names is known from the URL.
    QString unauthorizedNote;
    QList<WrongUrl> wrongUrls;

    bool isEmpty() const
    {
        return urlTemplate.isEmpty() && endpointLocation.isEmpty() && tokenLocation.isEmpty() && tokenRotation.isEmpty()
            && unauthorizedNote.isEmpty() && wrongUrls.isEmpty();
    }
    // The pattern of a URL part, empty when the template has no such part.
    QString partPattern(const QString& name) const
    {
        for (const auto& [partName, pattern] : urlParts) {
            if (partName == name)
                return pattern;
        }
        return {};
    }
};
