// vb_filesystem.cpp: the virtual board's flash drive I:\ on a host directory.
//
// On the POSIX host, System.IO.FileSystem has no natives. This file defines every method the interop table
// nf_sys_io_filesystem.cpp points at (NativeFileStream, NativeIO, NativeFindFile, Directory.NativeGetChildren,
// DriveInfo, SDCard) and replaces nf-interpreter's FileSystem natives and the PAL volume/driver layer beneath
// them. The behaviour is that of an ESP32 board: the natives in src/System.IO.FileSystem over the littlefs
// driver targets/ESP32/_littlefs/littlefs_FS_Driver.cpp (ESP-IDF VFS + esp_littlefs), quirks included, so the
// firmware meets here what it meets on hardware. Our own code; nothing of nanoFramework's is copied.
//
// Mapping. The board has one volume, "I:" (volume 0, DriveType.Fixed, no SD card). VIRTUAL_BOARD_FLASH (an
// absolute path, created if missing) is its root: "I:\dir\name" -> $VIRTUAL_BOARD_FLASH/dir/name ('\' and '/'
// both separate). The drive name matches case-insensitively, as FileSystemVolumeList::FindVolume does; any
// other root ("D:", "", "X:") fails with CLR_E_INVALID_DRIVER, the board's answer for an unknown volume.
// Without VIRTUAL_BOARD_FLASH there is no volume at all: every path call fails that way and GetDrives() is
// empty. "." and ".." are resolved by name, clamped at the root, as littlefs resolves them, so no path leaves
// the directory. The board's path length limits apply (CLR_E_PATH_TOO_LONG).
//
// Copy-on-write. littlefs never overwrites a file in place: writes and truncations go to new blocks and the
// file's metadata points at them only when the file is synced (lfs_file_sync, reached from fclose). A power
// cut before that leaves the OLD file whole. On the board, FileStream.Flush() is fflush() -> write() ->
// lfs_file_write, which does not sync (esp_littlefs syncs on write only with
// CONFIG_LITTLEFS_FLUSH_FILE_EVERY_WRITE, unset in nanoFramework's sdkconfigs); only Close() commits.
// Here: a stream reads the committed file until its first Write/SetLength; then the file is copied to a
// shadow ".vb-<pid>-<n>.vbtmp" in the same directory and all I/O of that stream goes there (the writer sees
// its own data; other streams, stat, GetAttributes and GetFileInfo see the committed file, as littlefs's
// stat does). Close() fsyncs the shadow and rename()s it over the name (atomic), then fsyncs the directory.
// kill -9 (the power cut) before Close leaves the old file. Opening a file that does not exist creates it
// empty at once, as fopen("w+") does on littlefs (the creation is committed at open). Shadows left by a
// killed process are deleted at first use and never listed. One board per directory.
//
// Stream handle: NativeFileStream._fs holds a binary blob, as on the board (there a CLR_RT_FileStream); ours
// carries an id into a table of host fds. Close() releases it and nulls the field; FileStream's Dispose and
// finaliser both call Close(), so an abandoned stream is committed and released the way fclose would.
//
// Chosen to match the board rather than intuition: Flush() commits nothing; Format() throws
// NotSupportedException (the littlefs driver cannot format); NativeIO.Move() returns false instead of
// throwing when the rename fails (managed File.Move then copies and deletes); GetAttributes() is 0 for a file,
// Directory for a directory, 0xFFFFFFFF when missing; SetAttributes() is a no-op; DriveInfo("I:") works but
// DriveInfo("I:\") does not; GetFileSystems() is { "FATFS" } (the littlefs driver's name); SDCard is the
// no-SD-card build's stub (NotImplementedException). Capacity (about 256 KB on the board) is not modelled.

// the C++ library first: nanoCLR's headers define min/max macros
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "nf_sys_io_filesystem.h"

namespace
{

typedef Library_nf_sys_io_filesystem_System_IO_NativeFileStream NativeFileStreamLib;
typedef Library_nf_sys_io_filesystem_System_IO_NativeFileInfo NativeFileInfoLib;
typedef Library_nf_sys_io_filesystem_System_IO_DriveInfo DriveInfoLib;

const char c_DriveName[] = INTERNAL_DRIVE0_LETTER; // "I:"
const uint32_t c_VolumeIndex = 0;
const char c_FsDriverName[] = "FATFS"; // what g_LITTLEFS_FILE_SYSTEM_DriverInterface calls itself
const char c_ShadowPrefix[] = ".vb-";
const char c_ShadowSuffix[] = ".vbtmp";
const uint32_t c_BlobMagic = 0x56424653; // "VBFS"

//--// the flash directory

struct FlashDir
{
    bool present = false;
    std::string root; // absolute, no trailing '/'
};

bool IsShadowName(const char *name)
{
    size_t len = strlen(name);
    size_t pre = sizeof(c_ShadowPrefix) - 1;
    size_t suf = sizeof(c_ShadowSuffix) - 1;

    return len >= pre + suf && strncmp(name, c_ShadowPrefix, pre) == 0 &&
           strcmp(name + len - suf, c_ShadowSuffix) == 0;
}

bool MakeDirs(const std::string &path)
{
    std::string cur;
    size_t pos = 0;

    while (pos < path.size())
    {
        size_t next = path.find('/', pos + 1);
        if (next == std::string::npos)
        {
            next = path.size();
        }

        cur = path.substr(0, next);
        if (!cur.empty() && mkdir(cur.c_str(), 0755) != 0 && errno != EEXIST)
        {
            return false;
        }

        pos = next;
    }

    struct stat st;
    return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Calls visit(name) for each entry of dir but "." and "..", in readdir's order, until visit returns false.
// False if dir cannot be opened.
template <typename Visit> bool ForEachEntry(const std::string &dir, Visit visit)
{
    DIR *d = opendir(dir.c_str());
    if (d == NULL)
    {
        return false;
    }

    while (struct dirent *e = readdir(d))
    {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
        {
            continue;
        }

        if (!visit(e->d_name))
        {
            break;
        }
    }

    closedir(d);
    return true;
}

// Shadows in the tree belong to streams of a process that died before Close: on the board those writes
// never happened.
void SweepShadows(const std::string &dir)
{
    ForEachEntry(dir, [&dir](const char *name) {
        std::string child = dir + "/" + name;
        struct stat st;

        if (lstat(child.c_str(), &st) != 0)
        {
            return true;
        }

        if (S_ISDIR(st.st_mode))
        {
            SweepShadows(child);
        }
        else if (IsShadowName(name))
        {
            unlink(child.c_str());
        }

        return true;
    });
}

FlashDir LoadFlashDir()
{
    FlashDir f;
    const char *env = getenv("VIRTUAL_BOARD_FLASH");

    if (env == NULL || env[0] == 0)
    {
        fprintf(stderr, "vb_filesystem: VIRTUAL_BOARD_FLASH is not set: the board has no I: drive\n");
        return f;
    }

    if (env[0] != '/')
    {
        fprintf(stderr, "vb_filesystem: VIRTUAL_BOARD_FLASH must be an absolute path (got '%s'): no I: drive\n", env);
        return f;
    }

    std::string root(env);
    while (root.size() > 1 && root.back() == '/')
    {
        root.pop_back();
    }

    if (!MakeDirs(root))
    {
        fprintf(stderr, "vb_filesystem: cannot create %s (%s): no I: drive\n", root.c_str(), strerror(errno));
        return f;
    }

    SweepShadows(root);

    f.root = (root == "/") ? std::string() : root;
    f.present = true;

    return f;
}

const FlashDir &Flash()
{
    static const FlashDir s_flash = LoadFlashDir();
    return s_flash;
}

bool IsOurDrive(const std::string &name)
{
    return Flash().present && strcasecmp(name.c_str(), c_DriveName) == 0;
}

//--// paths

// A managed path split as CLR_RT_FileStream::SplitFilePath splits it: the root name up to the first
// separator, and the rest (always starting with a separator).
struct DrivePath
{
    std::string drive;
    std::string rel;
};

struct HostPath
{
    std::string path;      // absolute host path
    std::string parent;    // its directory
    bool isRoot = false;   // the drive's root directory
    bool reserved = false; // names a shadow: absent for the firmware
};

HRESULT SplitPath(const char *fullPath, DrivePath &out)
{
    const char *p = fullPath;

    while (*p != 0 && *p != '\\' && *p != '/')
    {
        p++;
    }

    out.drive.assign(fullPath, (size_t)(p - fullPath));
    out.rel = (*p != 0) ? std::string(p) : std::string("\\");

    if (out.drive.size() >= FS_NAME_MAXLENGTH || out.rel.size() >= FS_MAX_PATH_LENGTH)
    {
        return CLR_E_PATH_TOO_LONG;
    }

    // the board has one volume; anything else is an unknown driver
    if (!IsOurDrive(out.drive))
    {
        return CLR_E_INVALID_DRIVER;
    }

    return S_OK;
}

// The littlefs driver turns the relative path into "/I/<rest>" in a FS_MAX_DIRECTORY_LENGTH buffer; then
// littlefs resolves the names ("." skipped, ".." drops the previous name, ".." at the root stays there).
HRESULT MapRelative(const std::string &rel, HostPath &out)
{
    size_t skip = (!rel.empty() && (rel[0] == '\\' || rel[0] == '/')) ? 1 : 0;

    if (rel.size() - skip + 3 >= FS_MAX_DIRECTORY_LENGTH)
    {
        return CLR_E_PATH_TOO_LONG;
    }

    std::vector<std::string> parts;
    std::string name;

    for (size_t i = skip; i <= rel.size(); i++)
    {
        if (i == rel.size() || rel[i] == '\\' || rel[i] == '/')
        {
            if (name == "..")
            {
                if (!parts.empty())
                {
                    parts.pop_back();
                }
            }
            else if (!name.empty() && name != ".")
            {
                parts.push_back(name);
            }

            name.clear();
        }
        else
        {
            name += rel[i];
        }
    }

    out.path = Flash().root;
    out.parent = Flash().root;
    out.isRoot = parts.empty();
    out.reserved = false;

    for (size_t i = 0; i < parts.size(); i++)
    {
        if (IsShadowName(parts[i].c_str()))
        {
            out.reserved = true;
        }

        out.parent = out.path;
        out.path += "/" + parts[i];
    }

    if (out.path.empty())
    {
        out.path = "/";
    }

    if (out.parent.empty())
    {
        out.parent = "/";
    }

    return S_OK;
}

HRESULT ResolvePath(CLR_RT_HeapBlock &hbPath, DrivePath &drivePath, HostPath &hostPath)
{
    CLR_RT_HeapBlock_String *str = hbPath.DereferenceString();
    if (str == NULL)
    {
        return CLR_E_NULL_REFERENCE;
    }

    HRESULT hr = SplitPath(str->StringText(), drivePath);
    if (FAILED(hr))
    {
        return hr;
    }

    return MapRelative(drivePath.rel, hostPath);
}

void FsyncDir(const std::string &dir)
{
    int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0)
    {
        fsync(fd);
        close(fd);
    }
}

bool WriteAll(int fd, const uint8_t *data, size_t size)
{
    while (size > 0)
    {
        ssize_t n = write(fd, data, size);
        if (n < 0)
        {
            if (errno == EINTR)
            {
                continue;
            }
            return false;
        }

        data += n;
        size -= (size_t)n;
    }

    return true;
}

// Empties dir, stopping at the first failure.
bool RemoveTree(const std::string &dir)
{
    bool ok = true;

    bool opened = ForEachEntry(dir, [&](const char *name) {
        std::string child = dir + "/" + name;
        struct stat st;

        if (lstat(child.c_str(), &st) != 0)
        {
            ok = false;
        }
        else if (S_ISDIR(st.st_mode))
        {
            ok = RemoveTree(child) && rmdir(child.c_str()) == 0;
        }
        else
        {
            ok = unlink(child.c_str()) == 0;
        }

        return ok;
    });

    return opened && ok;
}

// What littlefs's stat tells the firmware about a path: the root always exists, a shadow never does.
struct PathInfo
{
    bool exists = false;
    bool isDirectory = false;
    int64_t size = 0; // a file's committed size; 0 for a directory
};

PathInfo StatPath(const HostPath &hostPath)
{
    PathInfo info;
    struct stat st;

    if (hostPath.isRoot)
    {
        info.exists = true;
        info.isDirectory = true;
    }
    else if (!hostPath.reserved && stat(hostPath.path.c_str(), &st) == 0)
    {
        info.exists = true;
        info.isDirectory = S_ISDIR(st.st_mode);
        info.size = info.isDirectory ? 0 : (int64_t)st.st_size;
    }

    return info;
}

//--// open streams

struct OpenFile
{
    int fd = -1;           // the committed file (read only) until the first change, then the shadow
    bool shadowed = false; // fd is the shadow
    std::string path;      // the file's host path
    std::string parent;    // its directory (the shadow lives there too, for an atomic rename)
    std::string shadow;
};

// What NativeFileStream._fs's blob holds. The blob may move in the managed heap: plain data only.
struct HandleBlob
{
    uint32_t magic;
    uint32_t id;
};

std::map<uint32_t, OpenFile> &OpenFiles()
{
    static std::map<uint32_t, OpenFile> s_files;
    return s_files;
}

uint32_t s_nextId = 1;

// CLR_E_OBJECT_DISPOSED once Close() has run, as the board's GetFileStream answers.
HRESULT FindOpenFile(CLR_RT_HeapBlock *pThis, uint32_t &id, OpenFile *&file)
{
    if (pThis == NULL)
    {
        return CLR_E_NULL_REFERENCE;
    }

    CLR_RT_HeapBlock_BinaryBlob *blob = pThis[NativeFileStreamLib::FIELD___fs].DereferenceBinaryBlob();

    if (blob == NULL || blob->DataType() != DATATYPE_BINARY_BLOB_HEAD)
    {
        return CLR_E_OBJECT_DISPOSED;
    }

    HandleBlob *h = (HandleBlob *)blob->GetData();
    if (h->magic != c_BlobMagic)
    {
        return CLR_E_OBJECT_DISPOSED;
    }

    std::map<uint32_t, OpenFile>::iterator it = OpenFiles().find(h->id);
    if (it == OpenFiles().end())
    {
        return CLR_E_OBJECT_DISPOSED;
    }

    id = h->id;
    file = &it->second;

    return S_OK;
}

// First change to a stream: from now on it works on a private copy (its first keepBytes bytes of the file),
// which only Close() makes the file.
HRESULT MakeShadow(OpenFile &file, uint32_t id, int64_t keepBytes)
{
    if (file.shadowed)
    {
        return S_OK;
    }

    std::string shadow = file.parent + (file.parent == "/" ? "" : "/") + c_ShadowPrefix + std::to_string(getpid()) +
                         "-" + std::to_string(id) + c_ShadowSuffix;

    int sfd = open(shadow.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (sfd < 0)
    {
        return CLR_E_FILE_IO;
    }

    bool ok = true;
    off_t position = lseek(file.fd, 0, SEEK_CUR);
    off_t offset = 0;
    uint8_t buffer[8192];

    ok = position >= 0;

    while (ok && offset < keepBytes)
    {
        int64_t left = keepBytes - offset;
        size_t want = left < (int64_t)sizeof(buffer) ? (size_t)left : sizeof(buffer);
        ssize_t n = pread(file.fd, buffer, want, offset);

        if (n < 0 && errno == EINTR)
        {
            continue;
        }

        if (n <= 0)
        {
            ok = (n == 0);
            break;
        }

        ok = WriteAll(sfd, buffer, (size_t)n);
        offset += n;
    }

    if (ok)
    {
        ok = lseek(sfd, position, SEEK_SET) == position;
    }

    if (!ok)
    {
        close(sfd);
        unlink(shadow.c_str());
        return CLR_E_FILE_IO;
    }

    close(file.fd);
    file.fd = sfd;
    file.shadowed = true;
    file.shadow = shadow;

    return S_OK;
}

// What fclose -> lfs_file_close does: commit the stream's changes, if any, in one step.
HRESULT CommitAndClose(OpenFile &file)
{
    if (file.fd < 0)
    {
        return S_OK;
    }

    if (!file.shadowed)
    {
        int rc = close(file.fd);
        file.fd = -1;
        return rc == 0 ? S_OK : CLR_E_FILE_IO;
    }

    bool ok = fsync(file.fd) == 0;
    ok = (close(file.fd) == 0) && ok;
    file.fd = -1;

    if (ok)
    {
        ok = rename(file.shadow.c_str(), file.path.c_str()) == 0;
    }

    if (!ok)
    {
        unlink(file.shadow.c_str());
        return CLR_E_FILE_IO;
    }

    FsyncDir(file.parent);

    return S_OK;
}

//--// DriveInfo

HRESULT FillDriveInfo(CLR_RT_HeapBlock *hbDrive)
{
    HRESULT hr = CLR_RT_HeapBlock_String::CreateInstance(hbDrive[DriveInfoLib::FIELD___name], c_DriveName);
    if (FAILED(hr))
    {
        return hr;
    }

    // I: is an internal drive: Fixed. The littlefs driver reports no size (-1).
    hbDrive[DriveInfoLib::FIELD___driveType].SetInteger((CLR_INT32)DriveType_Fixed);
    hbDrive[DriveInfoLib::FIELD___totalSize].SetInteger((CLR_INT64)-1);
    hbDrive[DriveInfoLib::FIELD___volumeIndex].SetInteger((CLR_UINT32)c_VolumeIndex);

    return S_OK;
}

// DriveInfo's name lookup: one optional leading '\', then the whole string must be the volume name.
HRESULT FindDriveByName(CLR_RT_HeapBlock &hbName)
{
    CLR_RT_HeapBlock_String *str = hbName.DereferenceString();
    if (str == NULL)
    {
        return CLR_E_NULL_REFERENCE;
    }

    const char *name = str->StringText();
    if (name[0] == '\\')
    {
        name++;
    }

    return IsOurDrive(name) ? S_OK : CLR_E_VOLUME_NOT_FOUND;
}

} // namespace

////////////////////////////////////////////////////////////////////////////////////////////////////
// NativeFileStream

HRESULT Library_nf_sys_io_filesystem_System_IO_NativeFileStream::_ctor___VOID__STRING__I4(CLR_RT_StackFrame &stack)
{
    CLR_RT_HeapBlock *pThis = stack.This();
    CLR_RT_HeapBlock *pArgs = &(stack.Arg1());
    DrivePath drivePath;
    HostPath hostPath;
    struct stat st;
    int fd;
    HRESULT hr;

    if (pThis == NULL || pArgs[0].DereferenceString() == NULL)
    {
        return CLR_E_NULL_REFERENCE;
    }

    if (pArgs[1].NumericByRef().s4 < 0)
    {
        return CLR_E_INVALID_PARAMETER;
    }

    hr = ResolvePath(pArgs[0], drivePath, hostPath);
    if (FAILED(hr))
    {
        return hr;
    }

    // fopen("/I/") and a shadow's name fail on the board / are not the firmware's to open
    if (hostPath.isRoot || hostPath.reserved)
    {
        return CLR_E_FILE_IO;
    }

    // the board opens "r+" when the file exists and "w+" (create, committed at once) when it does not;
    // the mode and access checks are the managed FileStream's
    if (stat(hostPath.path.c_str(), &st) == 0)
    {
        if (!S_ISREG(st.st_mode))
        {
            return CLR_E_FILE_IO;
        }

        fd = open(hostPath.path.c_str(), O_RDONLY | O_CLOEXEC);
    }
    else
    {
        fd = open(hostPath.path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0)
        {
            fsync(fd);
            FsyncDir(hostPath.parent);
        }
    }

    if (fd < 0)
    {
        return CLR_E_FILE_IO;
    }

    hr = CLR_RT_HeapBlock_BinaryBlob::CreateInstance(pThis[FIELD___fs], sizeof(HandleBlob), NULL, NULL, 0);
    if (FAILED(hr))
    {
        close(fd);
        return hr;
    }

    uint32_t id = s_nextId++;
    OpenFile &file = OpenFiles()[id];
    file.fd = fd;
    file.path = hostPath.path;
    file.parent = hostPath.parent;

    HandleBlob *h = (HandleBlob *)pThis[FIELD___fs].DereferenceBinaryBlob()->GetData();
    h->magic = c_BlobMagic;
    h->id = id;

    return S_OK;
}

HRESULT Library_nf_sys_io_filesystem_System_IO_NativeFileStream::Read___I4__SZARRAY_U1__I4__I4__I4(
    CLR_RT_StackFrame &stack)
{
    return ReadWriteHelper(stack, true);
}

HRESULT Library_nf_sys_io_filesystem_System_IO_NativeFileStream::Write___I4__SZARRAY_U1__I4__I4__I4(
    CLR_RT_StackFrame &stack)
{
    return ReadWriteHelper(stack, false);
}

// Read(buf, offset, count, timeout) / Write(...): the board's argument checks, then synchronous host I/O
// (the files are local; the timeout is not needed). Read returns fewer bytes at the end, 0 there.
HRESULT Library_nf_sys_io_filesystem_System_IO_NativeFileStream::ReadWriteHelper(CLR_RT_StackFrame &stack, bool isRead)
{
    CLR_RT_HeapBlock_Array *array = stack.Arg1().DereferenceArray();
    int32_t offset = stack.Arg2().NumericByRef().s4;
    int32_t count = stack.Arg3().NumericByRef().s4;
    OpenFile *file;
    uint32_t id;
    int32_t done = 0;
    HRESULT hr;

    if (array == NULL)
    {
        return CLR_E_ARGUMENT_NULL;
    }

    hr = FindOpenFile(stack.This(), id, file);
    if (FAILED(hr))
    {
        return hr;
    }

    if (offset < 0 || count < 0)
    {
        return CLR_E_OUT_OF_RANGE;
    }

    if ((int32_t)array->m_numOfElements - offset < count)
    {
        return CLR_E_INVALID_PARAMETER;
    }

    uint8_t *data = array->GetFirstElement() + offset;

    if (isRead)
    {
        while (done < count)
        {
            ssize_t n = read(file->fd, data + done, (size_t)(count - done));

            if (n < 0 && errno == EINTR)
            {
                continue;
            }

            if (n < 0)
            {
                return CLR_E_FILE_IO;
            }

            if (n == 0)
            {
                break;
            }

            done += (int32_t)n;
        }
    }
    else if (count > 0)
    {
        hr = MakeShadow(*file, id, INT64_MAX);
        if (FAILED(hr))
        {
            return hr;
        }

        // a short write (host disk full) fails the call, as a short fwrite does on the board
        if (!WriteAll(file->fd, data, (size_t)count))
        {
            return CLR_E_FILE_IO;
        }

        done = count;
    }

    stack.SetResult_I4(done);

    return S_OK;
}

HRESULT Library_nf_sys_io_filesystem_System_IO_NativeFileStream::Seek___I8__I8__U4(CLR_RT_StackFrame &stack)
{
    CLR_RT_HeapBlock *pArgs = &(stack.Arg1());
    int64_t offset = pArgs[0].NumericByRef().s8;
    uint32_t origin = pArgs[1].NumericByRef().u4;
    OpenFile *file;
    uint32_t id;
    int whence;

    HRESULT hr = FindOpenFile(stack.This(), id, file);
    if (FAILED(hr))
    {
        return hr;
    }

    switch (origin)
    {
        case SEEKORIGIN_BEGIN:
            whence = SEEK_SET;
            break;
        case SEEKORIGIN_CURRENT:
            whence = SEEK_CUR;
            break;
        case SEEKORIGIN_END:
            whence = SEEK_END;
            break;
        default:
            return CLR_E_INVALID_PARAMETER;
    }

    // a position before 0 fails (fseek's EINVAL on the board); past the end is allowed
    off_t position = lseek(file->fd, (off_t)offset, whence);
    if (position < 0)
    {
        return CLR_E_FILE_IO;
    }

    stack.SetResult_I8((CLR_INT64)position);

    return S_OK;
}

// On the board this is fflush(): the data reaches littlefs but is not committed. Nothing to do here: the
// stream's data is already in its shadow, and the commit is Close()'s.
HRESULT Library_nf_sys_io_filesystem_System_IO_NativeFileStream::Flush___VOID(CLR_RT_StackFrame &stack)
{
    OpenFile *file;
    uint32_t id;

    return FindOpenFile(stack.This(), id, file);
}

// The stream's own view: its uncommitted changes included.
HRESULT Library_nf_sys_io_filesystem_System_IO_NativeFileStream::GetLength___I8(CLR_RT_StackFrame &stack)
{
    OpenFile *file;
    uint32_t id;
    struct stat st;

    HRESULT hr = FindOpenFile(stack.This(), id, file);
    if (FAILED(hr))
    {
        return hr;
    }

    if (fstat(file->fd, &st) != 0)
    {
        return CLR_E_FILE_IO;
    }

    stack.SetResult_I8((CLR_INT64)st.st_size);

    return S_OK;
}

// Truncates or extends (zero-filled); the position stays where it was, as on the board.
HRESULT Library_nf_sys_io_filesystem_System_IO_NativeFileStream::SetLength___VOID__I8(CLR_RT_StackFrame &stack)
{
    int64_t length = stack.Arg1().NumericByRef().s8;
    OpenFile *file;
    uint32_t id;

    HRESULT hr = FindOpenFile(stack.This(), id, file);
    if (FAILED(hr))
    {
        return hr;
    }

    if (length < 0)
    {
        return CLR_E_OUT_OF_RANGE;
    }

    // FileMode.Create/Truncate call SetLength(0) on an existing file: nothing of it needs copying
    hr = MakeShadow(*file, id, length);
    if (FAILED(hr))
    {
        return hr;
    }

    if (ftruncate(file->fd, (off_t)length) != 0)
    {
        return CLR_E_FILE_IO;
    }

    return S_OK;
}

// The littlefs driver's details: read, write and seek, whatever the FileAccess (FileStream narrows them).
HRESULT Library_nf_sys_io_filesystem_System_IO_NativeFileStream::
    GetStreamProperties___VOID__BYREF_BOOLEAN__BYREF_BOOLEAN__BYREF_BOOLEAN(CLR_RT_StackFrame &stack)
{
    CLR_RT_HeapBlock *pArgs = &(stack.Arg1());
    OpenFile *file;
    uint32_t id;

    HRESULT hr = FindOpenFile(stack.This(), id, file);
    if (FAILED(hr))
    {
        return hr;
    }

    CLR_RT_HeapBlock *canRead = pArgs[0].Dereference();
    CLR_RT_HeapBlock *canWrite = pArgs[1].Dereference();
    CLR_RT_HeapBlock *canSeek = pArgs[2].Dereference();

    if (canRead == NULL || canWrite == NULL || canSeek == NULL)
    {
        return CLR_E_NULL_REFERENCE;
    }

    canRead->SetBoolean(true);
    canWrite->SetBoolean(true);
    canSeek->SetBoolean(true);

    return S_OK;
}

// Commits (see the header) and releases the fd. Closing twice is fine, as on the board; a failed commit
// still releases everything and reports CLR_E_FILE_IO.
HRESULT Library_nf_sys_io_filesystem_System_IO_NativeFileStream::Close___VOID(CLR_RT_StackFrame &stack)
{
    CLR_RT_HeapBlock *pThis = stack.This();
    OpenFile *file;
    uint32_t id;

    if (pThis == NULL)
    {
        return CLR_E_NULL_REFERENCE;
    }

    HRESULT hr = FindOpenFile(pThis, id, file);

    if (SUCCEEDED(hr))
    {
        hr = CommitAndClose(*file);
        OpenFiles().erase(id);
    }
    else if (hr == CLR_E_OBJECT_DISPOSED)
    {
        hr = S_OK;
    }

    pThis[FIELD___fs].SetObjectReference(NULL);

    return hr;
}

////////////////////////////////////////////////////////////////////////////////////////////////////
// NativeFindFile

// A NativeFileInfo (Attributes, Size, FileName = null), or null when the path does not exist. Size is the
// committed size, what littlefs's stat reports while a stream has uncommitted changes.
HRESULT Library_nf_sys_io_filesystem_System_IO_NativeFindFile::GetFileInfo___STATIC__SystemIONativeFileInfo__STRING(
    CLR_RT_StackFrame &stack)
{
    CLR_RT_HeapBlock &top = stack.PushValueAndClear();
    DrivePath drivePath;
    HostPath hostPath;

    HRESULT hr = ResolvePath(stack.Arg0(), drivePath, hostPath);
    if (FAILED(hr))
    {
        return hr;
    }

    PathInfo found = StatPath(hostPath);

    if (!found.exists)
    {
        top.SetObjectReference(NULL);
        return S_OK;
    }

    uint32_t attributes = found.isDirectory ? FileAttributes_Directory : FileAttributes_Normal;

    CLR_RT_TypeDef_Index nativeFileInfoType;
    if (!g_CLR_RT_TypeSystem.FindTypeDef("NativeFileInfo", "System.IO", nativeFileInfoType))
    {
        return CLR_E_FAIL;
    }

    hr = g_CLR_RT_ExecutionEngine.NewObjectFromIndex(top, nativeFileInfoType);
    if (FAILED(hr))
    {
        return hr;
    }

    CLR_RT_HeapBlock *info = top.Dereference();
    info[NativeFileInfoLib::FIELD__Attributes].SetInteger((CLR_UINT32)attributes);
    info[NativeFileInfoLib::FIELD__Size].SetInteger((CLR_INT64)found.size);
    info[NativeFileInfoLib::FIELD__FileName].SetObjectReference(NULL);

    return S_OK;
}

////////////////////////////////////////////////////////////////////////////////////////////////////
// NativeIO

// Deletes a file, or a directory (empty, or with its contents when recursive).
HRESULT Library_nf_sys_io_filesystem_System_IO_NativeIO::Delete___STATIC__VOID__STRING__BOOLEAN(
    CLR_RT_StackFrame &stack)
{
    bool recursive = stack.Arg1().NumericByRef().u1 != 0;
    DrivePath drivePath;
    HostPath hostPath;
    struct stat st;

    HRESULT hr = ResolvePath(stack.Arg0(), drivePath, hostPath);
    if (FAILED(hr))
    {
        return hr;
    }

    if (hostPath.reserved || lstat(hostPath.path.c_str(), &st) != 0)
    {
        return CLR_E_FILE_NOT_FOUND;
    }

    if (!S_ISDIR(st.st_mode))
    {
        return unlink(hostPath.path.c_str()) == 0 ? S_OK : CLR_E_FILE_IO;
    }

    // the volume's root cannot go (the board's driver would loop forever on a recursive delete of it)
    if (hostPath.isRoot)
    {
        return recursive ? CLR_E_FILE_IO : CLR_E_DIRECTORY_NOT_EMPTY;
    }

    if (rmdir(hostPath.path.c_str()) == 0)
    {
        return S_OK;
    }

    // the board answers "not empty" for any failed rmdir outside recursive mode
    if (!recursive)
    {
        return CLR_E_DIRECTORY_NOT_EMPTY;
    }

    if (!RemoveTree(hostPath.path) || rmdir(hostPath.path.c_str()) != 0)
    {
        return CLR_E_FILE_IO;
    }

    return S_OK;
}

// true when renamed. A failed rename returns false rather than throwing (the board's Move stores its HRESULT
// in a bool), and managed File.Move then falls back to copy-and-delete. Like littlefs, rename replaces an
// existing file or empty directory; File.Move checks for the destination first.
HRESULT Library_nf_sys_io_filesystem_System_IO_NativeIO::Move___STATIC__BOOLEAN__STRING__STRING(
    CLR_RT_StackFrame &stack)
{
    DrivePath fromDrive, toDrive;
    HostPath from, to;

    HRESULT hr = ResolvePath(stack.Arg0(), fromDrive, from);
    if (FAILED(hr))
    {
        return hr;
    }

    hr = ResolvePath(stack.Arg1(), toDrive, to);
    if (FAILED(hr))
    {
        return hr;
    }

    bool moved = !from.isRoot && !to.isRoot && !from.reserved && !to.reserved &&
                 rename(from.path.c_str(), to.path.c_str()) == 0;

    if (moved)
    {
        FsyncDir(to.parent);
        if (from.parent != to.parent)
        {
            FsyncDir(from.parent);
        }
    }

    stack.SetResult_Boolean(moved);

    return S_OK;
}

// Creates the directory and any missing parents; an existing one (even an existing file: the board checks
// existence only) is success.
HRESULT Library_nf_sys_io_filesystem_System_IO_NativeIO::CreateDirectory___STATIC__VOID__STRING(
    CLR_RT_StackFrame &stack)
{
    DrivePath drivePath;
    HostPath hostPath;
    struct stat st;

    HRESULT hr = ResolvePath(stack.Arg0(), drivePath, hostPath);
    if (FAILED(hr))
    {
        return hr;
    }

    if (drivePath.rel.size() >= FS_MAX_DIRECTORY_LENGTH)
    {
        return CLR_E_PATH_TOO_LONG;
    }

    if (hostPath.reserved)
    {
        return CLR_E_FILE_IO;
    }

    const std::string &root = Flash().root;

    for (size_t pos = root.size() + 1; pos <= hostPath.path.size(); pos++)
    {
        if (pos == hostPath.path.size() || hostPath.path[pos] == '/')
        {
            std::string prefix = hostPath.path.substr(0, pos);

            if (mkdir(prefix.c_str(), 0755) != 0 && errno != EEXIST)
            {
                return CLR_E_FILE_IO;
            }
        }
    }

    FsyncDir(hostPath.parent);

    return stat(hostPath.path.c_str(), &st) == 0 ? S_OK : CLR_E_FILE_IO;
}

// Directory (0x10) for a directory, 0 for a file (the board reports no other attribute; File.GetAttributes
// turns 0 into Normal), EMPTY_ATTRIBUTE (0xFFFFFFFF) when the path does not exist.
HRESULT Library_nf_sys_io_filesystem_System_IO_NativeIO::GetAttributes___STATIC__U4__STRING(CLR_RT_StackFrame &stack)
{
    DrivePath drivePath;
    HostPath hostPath;
    uint32_t attributes = EMPTY_ATTRIBUTE;

    HRESULT hr = ResolvePath(stack.Arg0(), drivePath, hostPath);
    if (FAILED(hr))
    {
        return hr;
    }

    PathInfo found = StatPath(hostPath);

    if (found.exists)
    {
        attributes = found.isDirectory ? (uint32_t)FileAttributes_Directory : 0;
    }

    stack.SetResult_U4(attributes);

    return S_OK;
}

// The board's driver checks that the path exists and stores nothing (littlefs has no attributes).
HRESULT Library_nf_sys_io_filesystem_System_IO_NativeIO::SetAttributes___STATIC__VOID__STRING__U4(
    CLR_RT_StackFrame &stack)
{
    DrivePath drivePath;
    HostPath hostPath;

    HRESULT hr = ResolvePath(stack.Arg0(), drivePath, hostPath);
    if (FAILED(hr))
    {
        return hr;
    }

    if (!StatPath(hostPath).exists)
    {
        return CLR_E_FILE_IO;
    }

    return S_OK;
}

// The board's littlefs driver cannot format: NotSupportedException for its own file system name (or none),
// ArgumentException for a file system the board does not have. The drive is left as it was.
HRESULT Library_nf_sys_io_filesystem_System_IO_NativeIO::Format___STATIC__VOID__STRING__STRING__U4(
    CLR_RT_StackFrame &stack)
{
    DrivePath drivePath;
    HostPath hostPath;

    HRESULT hr = ResolvePath(stack.Arg0(), drivePath, hostPath);
    if (FAILED(hr))
    {
        return hr;
    }

    CLR_RT_HeapBlock_String *fileSystem = stack.Arg1().DereferenceString();

    if (fileSystem == NULL || strncmp(fileSystem->StringText(), c_FsDriverName, FS_NAME_DEFAULT_LENGTH) == 0)
    {
        return CLR_E_NOT_SUPPORTED;
    }

    return CLR_E_INVALID_PARAMETER;
}

////////////////////////////////////////////////////////////////////////////////////////////////////
// Directory

// The full paths of the files (directoryOnly false) or directories (true) in a directory, in name order as
// littlefs lists them. Built as the board builds them: drive as given + the path as given + the name, and
// each entry's type is looked up under that same concatenation. So a directory path without a trailing
// separator ("I:\logs", which GetDirectories passes) looks up "I:\logsNAME": on the board such a listing
// finds no directories, and so it does here. GetFiles always adds the separator. Files named *.sys are left
// out, as on the board.
HRESULT Library_nf_sys_io_filesystem_System_IO_Directory::NativeGetChildren___STATIC__SZARRAY_STRING__STRING__BOOLEAN(
    CLR_RT_StackFrame &stack)
{
    CLR_RT_HeapBlock &top = stack.PushValueAndClear();
    bool directoryOnly = stack.Arg1().NumericByRef().u1 != 0;
    DrivePath drivePath;
    HostPath hostPath;
    std::vector<std::string> names;

    HRESULT hr = ResolvePath(stack.Arg0(), drivePath, hostPath);
    if (FAILED(hr))
    {
        return hr;
    }

    if (!hostPath.reserved)
    {
        ForEachEntry(hostPath.path, [&](const char *name) {
            if (IsShadowName(name))
            {
                return true;
            }

            // an entry whose type cannot be found counts as a file with no attributes, as on the board
            HostPath entry;
            struct stat st;
            bool isDirectory = SUCCEEDED(MapRelative(drivePath.rel + name, entry)) && !entry.reserved &&
                               stat(entry.path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);

            if (directoryOnly != isDirectory)
            {
                return true;
            }

            if (!isDirectory)
            {
                const char *extension = strrchr(name, '.');
                if (extension != NULL && strcmp(extension, ".sys") == 0)
                {
                    return true;
                }
            }

            names.push_back(name);
            return true;
        });
    }

    std::sort(names.begin(), names.end());

    hr = CLR_RT_HeapBlock_Array::CreateInstance(top, (CLR_UINT32)names.size(), g_CLR_RT_WellKnownTypes.m_String);
    if (FAILED(hr))
    {
        return hr;
    }

    for (size_t i = 0; i < names.size(); i++)
    {
        // the array is reachable from the stack; the heap does not move during a native call
        CLR_RT_HeapBlock *element = (CLR_RT_HeapBlock *)top.DereferenceArray()->GetFirstElement() + i;
        std::string fullPath = drivePath.drive + drivePath.rel + names[i];

        hr = CLR_RT_HeapBlock_String::CreateInstance(*element, fullPath.c_str());
        if (FAILED(hr))
        {
            return hr;
        }
    }

    return S_OK;
}

////////////////////////////////////////////////////////////////////////////////////////////////////
// DriveInfo

HRESULT Library_nf_sys_io_filesystem_System_IO_DriveInfo::Refresh___VOID(CLR_RT_StackFrame &stack)
{
    CLR_RT_HeapBlock *pThis = stack.This();
    if (pThis == NULL)
    {
        return CLR_E_NULL_REFERENCE;
    }

    HRESULT hr = FindDriveByName(pThis[FIELD___name]);
    if (FAILED(hr))
    {
        return hr;
    }

    return FillDriveInfo(pThis);
}

// new DriveInfo(name): "I:" (any case, optionally "\I:"); "I:\" is not a volume name on the board either.
HRESULT Library_nf_sys_io_filesystem_System_IO_DriveInfo::DriveInfoNative___VOID__STRING(CLR_RT_StackFrame &stack)
{
    HRESULT hr = FindDriveByName(stack.Arg1());
    if (FAILED(hr))
    {
        return hr;
    }

    return FillDriveInfo(stack.This());
}

HRESULT Library_nf_sys_io_filesystem_System_IO_DriveInfo::_ctor___VOID__U4(CLR_RT_StackFrame &stack)
{
    uint32_t volumeIndex = stack.Arg1().NumericByRef().u4;

    if (!Flash().present || volumeIndex != c_VolumeIndex)
    {
        return CLR_E_FILE_IO;
    }

    return FillDriveInfo(stack.This());
}

// The file system drivers built into the board's firmware: littlefs only (registered as "FATFS").
HRESULT Library_nf_sys_io_filesystem_System_IO_DriveInfo::GetFileSystems___STATIC__SZARRAY_STRING(
    CLR_RT_StackFrame &stack)
{
    CLR_RT_HeapBlock &top = stack.PushValueAndClear();

    HRESULT hr = CLR_RT_HeapBlock_Array::CreateInstance(top, 1, g_CLR_RT_WellKnownTypes.m_String);
    if (FAILED(hr))
    {
        return hr;
    }

    CLR_RT_HeapBlock *names = (CLR_RT_HeapBlock *)top.DereferenceArray()->GetFirstElement();

    return CLR_RT_HeapBlock_String::CreateInstance(names[0], c_FsDriverName);
}

// No removable media on this board.
HRESULT Library_nf_sys_io_filesystem_System_IO_DriveInfo::MountRemovableVolumes___STATIC__VOID(CLR_RT_StackFrame &stack)
{
    (void)stack;
    return S_OK;
}

HRESULT Library_nf_sys_io_filesystem_System_IO_DriveInfo::GetDrivesNative___STATIC__SZARRAY_SystemIODriveInfo(
    CLR_RT_StackFrame &stack)
{
    CLR_RT_HeapBlock &top = stack.PushValueAndClear();
    CLR_RT_TypeDef_Index driveInfoType;
    CLR_UINT32 count = Flash().present ? 1 : 0;

    if (!g_CLR_RT_TypeSystem.FindTypeDef("DriveInfo", "System.IO", driveInfoType))
    {
        return CLR_E_FAIL;
    }

    HRESULT hr = CLR_RT_HeapBlock_Array::CreateInstance(top, count, driveInfoType);
    if (FAILED(hr) || count == 0)
    {
        return hr;
    }

    CLR_RT_HeapBlock *drives = (CLR_RT_HeapBlock *)top.DereferenceArray()->GetFirstElement();

    hr = g_CLR_RT_ExecutionEngine.NewObjectFromIndex(drives[0], driveInfoType);
    if (FAILED(hr))
    {
        return hr;
    }

    return FillDriveInfo(drives[0].Dereference());
}

////////////////////////////////////////////////////////////////////////////////////////////////////
// SDCard: the board has no SD card slot; these are the no-SD-card build's stubs (NotImplementedException).

#define SDCARD_STUB(native)                                                                                            \
    HRESULT native(CLR_RT_StackFrame &stack)                                                                           \
    {                                                                                                                  \
        return stack.NotImplementedStub();                                                                             \
    }

SDCARD_STUB(Library_nf_sys_io_filesystem_nanoFramework_System_IO_FileSystem_SDCard::InitNative___VOID)
SDCARD_STUB(Library_nf_sys_io_filesystem_nanoFramework_System_IO_FileSystem_SDCard::NativeDispose___VOID)
SDCARD_STUB(Library_nf_sys_io_filesystem_nanoFramework_System_IO_FileSystem_SDCard::MountNative___VOID)
SDCARD_STUB(Library_nf_sys_io_filesystem_nanoFramework_System_IO_FileSystem_SDCard::UnmountNative___VOID)
SDCARD_STUB(Library_nf_sys_io_filesystem_nanoFramework_System_IO_FileSystem_SDCard::PollCardDetectNative___BOOLEAN)

#undef SDCARD_STUB
