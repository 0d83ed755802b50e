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
}
