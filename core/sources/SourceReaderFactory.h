#pragma once

#include "DirectorySourceReader.h"

#include <functional>
#include <memory>

// Makes the reader for one read of a directory source. The workspace holds the product's (the
// platform's LDAP library); tests give their own.
using SourceReaderFactory = std::function<std::unique_ptr<DirectorySourceReader>(const DirectorySource& source)>;
