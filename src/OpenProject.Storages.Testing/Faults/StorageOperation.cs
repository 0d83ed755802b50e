namespace OpenProject.Storages.Testing;

/// <summary>The requests an <see cref="InMemoryFileStorage"/> answers; faults are injected and requests counted per operation.</summary>
public enum StorageOperation
{
    /// <summary><see cref="IFileStorage.ListFolderAsync"/>.</summary>
    ListFolder,

    /// <summary><see cref="IFileStorage.GetFileInfoAsync"/>.</summary>
    GetFileInfo,

    /// <summary><see cref="IFileStorage.GetFileInfosAsync"/> (one bulk request).</summary>
    GetFileInfos,

    /// <summary><see cref="IFileDownloads.GetDownloadLinkAsync"/>.</summary>
    GetDownloadLink,

    /// <summary><see cref="IFileDownloads.OpenReadAsync"/>.</summary>
    OpenRead,

    /// <summary><see cref="IFileManagement.CreateFolderAsync"/>.</summary>
    CreateFolder,

    /// <summary><see cref="IFileManagement.MoveAsync"/>.</summary>
    Move,

    /// <summary><see cref="IFileManagement.DeleteAsync"/>.</summary>
    Delete,

    /// <summary><see cref="IFileUploads.UploadAsync"/>.</summary>
    Upload,

    /// <summary><see cref="IBrowserUploads.CreateUploadLinkAsync"/>.</summary>
    CreateUploadLink,

    /// <summary><see cref="IStreamingFolderListing.EnumerateFolderAsync"/> (one request, when the enumeration starts).</summary>
    EnumerateFolder,

    /// <summary><see cref="IPathToIdMapping.GetPathToIdMapAsync"/> (one request).</summary>
    GetPathToIdMap,

    /// <summary><see cref="IStorageConnectionState.GetConnectionStateAsync"/> (no request to the server: a fault stands for the host's own store failing).</summary>
    GetConnectionState,
}
