namespace OpenProject.Storages.Testing;

/// <summary>What a provider (and its test fixture) can do; a conformance case that needs more is skipped.</summary>
[Flags]
public enum StorageCapabilities
{
    /// <summary>Only what every <see cref="IFileStorage"/> does: list folders and read file information.</summary>
    None = 0,

    /// <summary>The storage implements <see cref="IFileDownloads"/>.</summary>
    Downloads = 1,

    /// <summary>The storage implements <see cref="IFileManagement"/>.</summary>
    Management = 2,

    /// <summary>The storage implements <see cref="IFileUploads"/>.</summary>
    Uploads = 4,

    /// <summary>The storage implements <see cref="IBrowserUploads"/>.</summary>
    BrowserUploads = 8,

    /// <summary>The fixture can restrict the restricted actor per path (<see cref="IFileStorageConformanceFixture.SetRestrictedPermissionsAsync"/>).</summary>
    PerUserPermissions = 16,

    /// <summary>The fixture supplies an actor that is not logged in to the storage (<see cref="IFileStorageConformanceFixture.DisconnectedActor"/>).</summary>
    DisconnectedActor = 32,

    /// <summary>The storage keeps the NFC and NFD forms of a name as two distinct names instead of normalising them.</summary>
    DistinctNormalizationForms = 64,

    /// <summary>
    /// Listing a folder the actor may not read is refused as <see cref="StorageErrorCode.Forbidden"/>, told apart
    /// from a folder that does not exist. Nextcloud cannot: a folder hidden by a team folder ACL is not in the
    /// user's view at all and answers 404, like a missing one (file info by id still says 403).
    /// </summary>
    ForbiddenDistinctFromMissingInListings = 128,

    /// <summary>The storage implements <see cref="IStreamingFolderListing"/>: a folder of any size can be read one child at a time.</summary>
    StreamingListings = 256,

    /// <summary>The storage implements <see cref="IPathToIdMapping"/>: the ids of a folder's tree by path in one call.</summary>
    PathToIdMaps = 512,
}
