namespace OpenProject.Storages;

/// <summary>Whether a storage item is a file or a folder.</summary>
public enum StorageItemKind
{
    /// <summary>A file.</summary>
    File,

    /// <summary>A folder.</summary>
    Folder,
}
