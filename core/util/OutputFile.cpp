#include "OutputFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("OutputFile", text);
}

QString shown(const QString& path)
{
    return QDir::toNativeSeparators(path);
}
} // namespace

Status<QString> OutputFile::checkDestination(const QString& path)
{
    if (path.isEmpty()) {
        return tr("No file name was given.");
    }
    // QFileInfo follows symbolic links: exists() and isFile() describe the link's target.
    const QFileInfo info(path);
    if (!info.exists()) {
        if (info.isSymLink()) {
            return tr("%1 is a symbolic link to %2, which does not exist. Name a regular file or a new path.")
                .arg(shown(path), shown(info.symLinkTarget()));
        }
        return {};
    }
    if (info.isDir()) {
        return tr("%1 is a folder. Name a file inside it.").arg(shown(path));
    }
    if (!info.isFile()) {
        const QString what = info.isSymLink() ? tr("%1 is a symbolic link to %2, which is not a regular file")
                                                    .arg(shown(path), shown(info.symLinkTarget()))
                                              : tr("%1 is not a regular file").arg(shown(path));
        return tr("%1 (a device, FIFO or socket); ScimDesk only writes regular files. Name a regular file or a new "
                  "path.")
            .arg(what);
    }
    return {};
}

Status<QString> OutputFile::write(const QString& path, const Writer& writer)
{
    if (auto destination = checkDestination(path); !destination) {
        return destination;
    }
    const bool isNew = !QFileInfo::exists(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return tr("Could not create %1: %2. Choose a folder you may write to.").arg(shown(path), file.errorString());
    }
    // QSaveFile gives a new file 0666 minus the umask; exports hold directory data, so a new
    // one is owner-only. An existing file keeps its mode (QSaveFile copies it).
    if (isNew && !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        file.cancelWriting();
        return tr("Could not make %1 owner-only: %2.").arg(shown(path), file.errorString());
    }
    QString error;
    if (!writer(&file, &error)) {
        file.cancelWriting();
        return error.isEmpty() ? tr("Could not write %1.").arg(shown(path)) : error;
    }
    if (!file.commit()) {
        return tr("Could not write %1: %2. Check the free space and that you may write there.")
            .arg(shown(path), file.errorString());
    }
    return {};
}
