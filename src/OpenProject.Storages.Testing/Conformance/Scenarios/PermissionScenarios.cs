namespace OpenProject.Storages.Testing.Conformance;

internal static class PermissionScenarios
{
    public static IEnumerable<ConformanceCase> Cases { get; } =
    [
        new("Reading info about a file the actor may not read is Forbidden", StorageCapabilities.PerUserPermissions, InfoIsForbiddenAsync),
        new("Bulk info reports Forbidden for a file the actor may not read and still finds the others", StorageCapabilities.PerUserPermissions, BulkInfoIsForbiddenAsync),
        new("A listing leaves out what the actor may not read", StorageCapabilities.PerUserPermissions, ListingHidesUnreadableAsync),
        new("Listing a folder the actor may not read is Forbidden", StorageCapabilities.PerUserPermissions | StorageCapabilities.ForbiddenDistinctFromMissingInListings, ListingUnreadableFolderIsForbiddenAsync),
        new("Permissions on a folder apply to what is inside it", StorageCapabilities.PerUserPermissions, PermissionsAreInheritedAsync),
        new("Uploading into a read-only folder is Forbidden and stores nothing", StorageCapabilities.PerUserPermissions | StorageCapabilities.Uploads, UploadIsForbiddenAsync),
        new("Creating a folder in a read-only folder is Forbidden", StorageCapabilities.PerUserPermissions | StorageCapabilities.Management, CreateFolderIsForbiddenAsync),
        new("Deleting or renaming a read-only file is Forbidden and changes nothing", StorageCapabilities.PerUserPermissions | StorageCapabilities.Management, DeleteAndMoveAreForbiddenAsync),
    ];

    private static async Task InfoIsForbiddenAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var file = await fixture.ArrangeFileAsync(root.Combine("secret.txt"), Check.Bytes("secret"), cancellationToken).ConfigureAwait(false);
        await fixture.SetRestrictedPermissionsAsync(file.Location, StoragePermissions.None, cancellationToken).ConfigureAwait(false);

        await Check.FailsWithAsync(StorageErrorCode.Forbidden, () => fixture.Storage.GetFileInfoAsync(fixture.RestrictedActor, file.Id, cancellationToken), "Reading a forbidden file's info").ConfigureAwait(false);
        var privileged = await fixture.Storage.GetFileInfoAsync(fixture.PrivilegedActor, file.Id, cancellationToken).ConfigureAwait(false);
        Check.Equal(file.Id, privileged.Id, "The privileged actor still reads the file");
    }

    private static async Task BulkInfoIsForbiddenAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var secret = await fixture.ArrangeFileAsync(root.Combine("secret.txt"), Check.Bytes("secret"), cancellationToken).ConfigureAwait(false);
        var open = await fixture.ArrangeFileAsync(root.Combine("open.txt"), Check.Bytes("open"), cancellationToken).ConfigureAwait(false);
        await fixture.SetRestrictedPermissionsAsync(secret.Location, StoragePermissions.None, cancellationToken).ConfigureAwait(false);

        var results = await fixture.Storage.GetFileInfosAsync(fixture.RestrictedActor, [secret.Id, open.Id], cancellationToken).ConfigureAwait(false);

        Check.Equal(FileInfoStatus.Forbidden, results[secret.Id].Status, "The bulk status of a forbidden file");
        Check.Equal(FileInfoStatus.Found, results[open.Id].Status, "The bulk status of a readable file next to it");
    }

    private static async Task ListingHidesUnreadableAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        await fixture.ArrangeFileAsync(root.Combine("open.txt"), Check.Bytes("open"), cancellationToken).ConfigureAwait(false);
        var secret = await fixture.ArrangeFileAsync(root.Combine("secret.txt"), Check.Bytes("secret"), cancellationToken).ConfigureAwait(false);
        var hiddenFolder = await fixture.ArrangeFolderAsync(root.Combine("Hidden"), cancellationToken).ConfigureAwait(false);
        await fixture.SetRestrictedPermissionsAsync(secret.Location, StoragePermissions.None, cancellationToken).ConfigureAwait(false);
        await fixture.SetRestrictedPermissionsAsync(hiddenFolder.Location, StoragePermissions.None, cancellationToken).ConfigureAwait(false);

        var restricted = await fixture.Storage.ListFolderAsync(fixture.RestrictedActor, root, cancellationToken).ConfigureAwait(false);
        var privileged = await fixture.Storage.ListFolderAsync(fixture.PrivilegedActor, root, cancellationToken).ConfigureAwait(false);

        Check.SequenceEqual(["open.txt"], restricted.Children.Select(child => child.Name), "The restricted actor's listing");
        Check.SequenceEqual(["Hidden", "open.txt", "secret.txt"], privileged.Children.Select(child => child.Name), "The privileged actor's listing");
    }

    private static async Task ListingUnreadableFolderIsForbiddenAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var folder = await fixture.ArrangeFolderAsync(root.Combine("Private"), cancellationToken).ConfigureAwait(false);
        await fixture.SetRestrictedPermissionsAsync(folder.Location, StoragePermissions.None, cancellationToken).ConfigureAwait(false);

        await Check.FailsWithAsync(StorageErrorCode.Forbidden, () => fixture.Storage.ListFolderAsync(fixture.RestrictedActor, folder.Location, cancellationToken), "Listing a forbidden folder").ConfigureAwait(false);
    }

    private static async Task PermissionsAreInheritedAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var folder = await fixture.ArrangeFolderAsync(root.Combine("Read only"), cancellationToken).ConfigureAwait(false);
        var file = await fixture.ArrangeFileAsync(folder.Location.Combine("inside.txt"), Check.Bytes("inside"), cancellationToken).ConfigureAwait(false);
        var hidden = await fixture.ArrangeFolderAsync(root.Combine("Hidden"), cancellationToken).ConfigureAwait(false);
        var hiddenFile = await fixture.ArrangeFileAsync(hidden.Location.Combine("deep.txt"), Check.Bytes("deep"), cancellationToken).ConfigureAwait(false);
        await fixture.SetRestrictedPermissionsAsync(folder.Location, StoragePermissions.Read, cancellationToken).ConfigureAwait(false);
        await fixture.SetRestrictedPermissionsAsync(hidden.Location, StoragePermissions.None, cancellationToken).ConfigureAwait(false);

        var info = await fixture.Storage.GetFileInfoAsync(fixture.RestrictedActor, file.Id, cancellationToken).ConfigureAwait(false);

        Check.That(info.Permissions.HasFlag(StoragePermissions.Read), $"A file in a read-only folder is readable, but the storage reported {info.Permissions}.");
        Check.That(!info.Permissions.HasFlag(StoragePermissions.Write) && !info.Permissions.HasFlag(StoragePermissions.Delete), $"A file in a read-only folder is neither writable nor deletable, but the storage reported {info.Permissions}.");
        await Check.FailsWithAsync(StorageErrorCode.Forbidden, () => fixture.Storage.GetFileInfoAsync(fixture.RestrictedActor, hiddenFile.Id, cancellationToken), "Reading a file inside a forbidden folder").ConfigureAwait(false);
    }

    private static async Task UploadIsForbiddenAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var uploads = Check.Capability<IFileUploads>(fixture);
        var folder = await fixture.ArrangeFolderAsync(root.Combine("Read only"), cancellationToken).ConfigureAwait(false);
        await fixture.SetRestrictedPermissionsAsync(folder.Location, StoragePermissions.Read, cancellationToken).ConfigureAwait(false);
        using var content = new MemoryStream(Check.Bytes("refused"));

        await Check.FailsWithAsync(StorageErrorCode.Forbidden, () => uploads.UploadAsync(fixture.RestrictedActor, folder.Location, "refused.txt", content, NameConflictPolicy.Fail, cancellationToken), "Uploading into a read-only folder").ConfigureAwait(false);

        var listing = await fixture.Storage.ListFolderAsync(fixture.PrivilegedActor, folder.Location, cancellationToken).ConfigureAwait(false);
        Check.Equal(0, listing.Children.Count, "The number of items in the folder after the refused upload");
    }

    private static async Task CreateFolderIsForbiddenAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var management = Check.Capability<IFileManagement>(fixture);
        var folder = await fixture.ArrangeFolderAsync(root.Combine("Read only"), cancellationToken).ConfigureAwait(false);
        await fixture.SetRestrictedPermissionsAsync(folder.Location, StoragePermissions.Read, cancellationToken).ConfigureAwait(false);

        await Check.FailsWithAsync(StorageErrorCode.Forbidden, () => management.CreateFolderAsync(fixture.RestrictedActor, folder.Location, "Refused", cancellationToken), "Creating a folder in a read-only folder").ConfigureAwait(false);
    }

    private static async Task DeleteAndMoveAreForbiddenAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var management = Check.Capability<IFileManagement>(fixture);
        var file = await fixture.ArrangeFileAsync(root.Combine("keep.txt"), Check.Bytes("keep"), cancellationToken).ConfigureAwait(false);
        await fixture.SetRestrictedPermissionsAsync(file.Location, StoragePermissions.Read, cancellationToken).ConfigureAwait(false);

        await Check.FailsWithAsync(StorageErrorCode.Forbidden, () => management.DeleteAsync(fixture.RestrictedActor, file.Location, cancellationToken), "Deleting a read-only file").ConfigureAwait(false);
        await Check.FailsWithAsync(StorageErrorCode.Forbidden, () => management.MoveAsync(fixture.RestrictedActor, file.Location, root.Combine("renamed.txt"), cancellationToken), "Renaming a read-only file").ConfigureAwait(false);

        var info = await fixture.Storage.GetFileInfoAsync(fixture.PrivilegedActor, file.Id, cancellationToken).ConfigureAwait(false);
        Check.Equal(file.Location, info.Location, "The file's location after the refused changes");
    }
}
