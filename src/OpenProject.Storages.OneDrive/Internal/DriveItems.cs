using System.Globalization;
using System.Text;

namespace OpenProject.Storages.OneDrive.Internal;

/// <summary>Turns Graph driveItems into <see cref="StorageItem"/>s and builds the item URLs.</summary>
internal static class DriveItems
{
    /// <summary>What every item read asks for; <c>root</c> tells the drive root apart.</summary>
    public const string Select = "id,name,size,webUrl,createdBy,lastModifiedBy,fileSystemInfo,file,folder,parentReference,root";

    private const string RootMarker = "root:";

    public static StorageItem ToStorageItem(DriveItem item, string operation)
    {
        if (string.IsNullOrEmpty(item.Id) || item.Id.Length > 512)
        {
            throw new StorageException(StorageErrorCode.InvalidResponse, $"Microsoft Graph answered {operation} with an item without a usable id.");
        }

        if (item.Size is < 0)
        {
            throw new StorageException(StorageErrorCode.InvalidResponse, $"Microsoft Graph answered {operation} with a negative size.");
        }

        var isRoot = item.Root is not null || item.ParentReference?.Path is null && string.Equals(item.Name, "root", StringComparison.Ordinal);
        var isFolder = item.Folder is not null || isRoot;
        StoragePath location;
        string name;
        if (isRoot)
        {
            location = StoragePath.Root;
            name = "Root";
        }
        else
        {
            name = item.Name is { Length: > 0 } n && StoragePath.IsValidName(n)
                ? n
                : throw new StorageException(StorageErrorCode.InvalidResponse, $"Microsoft Graph answered {operation} with an item without a valid name.");
            location = ParentPath(item.ParentReference?.Path, operation).Combine(name);
        }

        return new StorageItem
        {
            Id = new FileId(item.Id),
            Name = name,
            Location = location,
            Kind = isFolder ? StorageItemKind.Folder : StorageItemKind.File,
            MimeType = isFolder ? StorageItem.FolderMimeType : item.File?.MimeType,
            Size = isFolder ? item.Size : item.Size ?? 0,
            CreatedAt = item.FileSystemInfo?.CreatedDateTime,
            LastModifiedAt = item.FileSystemInfo?.LastModifiedDateTime,
            CreatedByName = item.CreatedBy?.User?.DisplayName,
            LastModifiedByName = item.LastModifiedBy?.User?.DisplayName,

            // A driveItem does not say what the signed-in user may do with it; reading it proves Read only.
            Permissions = StoragePermissions.Read,
        };
    }

    /// <summary>The parent path from <c>parentReference.path</c> (<c>/drives/{id}/root:/A/B</c>, unescaped as recorded).</summary>
    private static StoragePath ParentPath(string? path, string operation)
    {
        var marker = path?.IndexOf(RootMarker, StringComparison.Ordinal) ?? -1;
        if (path is null || marker < 0)
        {
            throw new StorageException(StorageErrorCode.InvalidResponse, $"Microsoft Graph answered {operation} with an item without a parent path.");
        }

        try
        {
            return StoragePath.Parse(path[(marker + RootMarker.Length)..]);
        }
        catch (ArgumentException exception)
        {
            throw new StorageException(StorageErrorCode.InvalidResponse, $"Microsoft Graph answered {operation} with an invalid parent path.", innerException: exception);
        }
    }

    /// <summary>Whether an id can name a Graph item at all (drive item ids are base32 or <c>hex!number</c>); others are never sent.</summary>
    public static bool IsPlausibleId(FileId id) =>
        id.Value is { Length: > 0 and <= 512 } value && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '!' or '-' or '_' or '.');

    /// <summary>The relative address of an item by path: <c>drives/{d}/root</c> or <c>drives/{d}/root:/A/B%20c:</c>.</summary>
    public static string ByPath(string driveId, StoragePath path) =>
        path.IsRoot ? $"drives/{Uri.EscapeDataString(driveId)}/root" : $"drives/{Uri.EscapeDataString(driveId)}/root:{path.ToEscapedString()}:";

    public static string ById(string driveId, FileId id) =>
        $"drives/{Uri.EscapeDataString(driveId)}/items/{Uri.EscapeDataString(id.Value)}";

    public static Uri Resolve(OneDriveStorageOptions options, string relative, string? query = null)
    {
        var builder = new StringBuilder(relative);
        if (query is not null)
        {
            builder.Append('?').Append(query);
        }

        return new Uri(options.GraphBaseAddress, builder.ToString());
    }

    public static string SelectQuery(int? top = null) =>
        top is { } t ? string.Create(CultureInfo.InvariantCulture, $"$select={Select}&$top={t}") : "$select=" + Select;
}
