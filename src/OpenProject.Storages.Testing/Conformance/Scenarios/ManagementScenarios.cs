namespace OpenProject.Storages.Testing.Conformance;

internal static class ManagementScenarios
{
    public static IEnumerable<ConformanceCase> Cases { get; } =
    [
        new("Creating a folder returns it with its id, listed in its parent", StorageCapabilities.Management, CreatesFolderAsync),
        new("Creating a folder whose name exists is a Conflict", StorageCapabilities.Management, CreateFolderConflictAsync),
        new("Creating a folder in a missing parent is not found", StorageCapabilities.Management, CreateFolderMissingParentAsync),
        new("Moving onto an existing item is a Conflict and overwrites nothing", StorageCapabilities.Management, MoveOntoExistingAsync),
        new("Moving a missing item, or into a missing folder, is not found", StorageCapabilities.Management, MoveMissingAsync),
        new("A deleted file is not found afterwards, and deleting it again is not found", StorageCapabilities.Management, DeleteThenInfoAsync),
        new("Deleting a folder deletes everything in it", StorageCapabilities.Management, DeleteFolderAsync),
    ];

    private static async Task CreatesFolderAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var management = Check.Capability<IFileManagement>(fixture);

        var folder = await management.CreateFolderAsync(fixture.PrivilegedActor, root, "New folder", cancellationToken).ConfigureAwait(false);

        Check.Equal("New folder", folder.Name, "The new folder's name");
        Check.Equal(StorageItemKind.Folder, folder.Kind, "The new folder's kind");
        Check.Equal(root.Combine("New folder"), folder.Location, "The new folder's location");
        var info = await fixture.Storage.GetFileInfoAsync(fixture.PrivilegedActor, folder.Id, cancellationToken).ConfigureAwait(false);
        Check.Equal(folder.Location, info.Location, "The new folder's location read by id");
    }

    private static async Task CreateFolderConflictAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var management = Check.Capability<IFileManagement>(fixture);
        await fixture.ArrangeFolderAsync(root.Combine("Taken"), cancellationToken).ConfigureAwait(false);
        await fixture.ArrangeFileAsync(root.Combine("taken.txt"), Check.Bytes("taken"), cancellationToken).ConfigureAwait(false);

        await Check.FailsWithAsync(StorageErrorCode.Conflict, () => management.CreateFolderAsync(fixture.PrivilegedActor, root, "Taken", cancellationToken), "Creating a folder where a folder exists").ConfigureAwait(false);
        await Check.FailsWithAsync(StorageErrorCode.Conflict, () => management.CreateFolderAsync(fixture.PrivilegedActor, root, "taken.txt", cancellationToken), "Creating a folder where a file exists").ConfigureAwait(false);
    }

    private static async Task CreateFolderMissingParentAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var management = Check.Capability<IFileManagement>(fixture);

        await Check.FailsWithAsync(StorageErrorCode.NotFound, () => management.CreateFolderAsync(fixture.PrivilegedActor, root.Combine("Missing"), "Child", cancellationToken), "Creating a folder in a missing parent").ConfigureAwait(false);
    }

    private static async Task MoveOntoExistingAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var management = Check.Capability<IFileManagement>(fixture);
        var source = await fixture.ArrangeFileAsync(root.Combine("source.txt"), Check.Bytes("source"), cancellationToken).ConfigureAwait(false);
        var target = await fixture.ArrangeFileAsync(root.Combine("target.txt"), Check.Bytes("target"), cancellationToken).ConfigureAwait(false);

        await Check.FailsWithAsync(StorageErrorCode.Conflict, () => management.MoveAsync(fixture.PrivilegedActor, source.Location, target.Location, cancellationToken), "Moving onto an existing file").ConfigureAwait(false);

        var sourceInfo = await fixture.Storage.GetFileInfoAsync(fixture.PrivilegedActor, source.Id, cancellationToken).ConfigureAwait(false);
        var targetInfo = await fixture.Storage.GetFileInfoAsync(fixture.PrivilegedActor, target.Id, cancellationToken).ConfigureAwait(false);
        Check.Equal(source.Location, sourceInfo.Location, "The source's location after the refused move");
        Check.Equal(target.Location, targetInfo.Location, "The existing destination's location after the refused move");
        await UploadScenarios.ExpectContentAsync(fixture, target.Id, "target", cancellationToken).ConfigureAwait(false);
    }

    private static async Task MoveMissingAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var management = Check.Capability<IFileManagement>(fixture);
        var file = await fixture.ArrangeFileAsync(root.Combine("stays.txt"), Check.Bytes("stays"), cancellationToken).ConfigureAwait(false);

        await Check.FailsWithAsync(StorageErrorCode.NotFound, () => management.MoveAsync(fixture.PrivilegedActor, root.Combine("missing.txt"), root.Combine("moved.txt"), cancellationToken), "Moving a missing item").ConfigureAwait(false);
        await Check.FailsWithAsync(StorageErrorCode.NotFound, () => management.MoveAsync(fixture.PrivilegedActor, file.Location, root.Combine("Missing").Combine("stays.txt"), cancellationToken), "Moving into a missing folder").ConfigureAwait(false);
        var info = await fixture.Storage.GetFileInfoAsync(fixture.PrivilegedActor, file.Id, cancellationToken).ConfigureAwait(false);
        Check.Equal(file.Location, info.Location, "The file's location after the refused move");
    }

    private static async Task DeleteThenInfoAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var management = Check.Capability<IFileManagement>(fixture);
        var file = await fixture.ArrangeFileAsync(root.Combine("doomed.txt"), Check.Bytes("doomed"), cancellationToken).ConfigureAwait(false);

        await management.DeleteAsync(fixture.PrivilegedActor, file.Location, cancellationToken).ConfigureAwait(false);

        await Check.FailsWithAsync(StorageErrorCode.NotFound, () => fixture.Storage.GetFileInfoAsync(fixture.PrivilegedActor, file.Id, cancellationToken), "Reading a deleted file's info").ConfigureAwait(false);
        await Check.FailsWithAsync(StorageErrorCode.NotFound, () => management.DeleteAsync(fixture.PrivilegedActor, file.Location, cancellationToken), "Deleting a deleted file").ConfigureAwait(false);
    }

    private static async Task DeleteFolderAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var management = Check.Capability<IFileManagement>(fixture);
        var folder = await fixture.ArrangeFolderAsync(root.Combine("Full"), cancellationToken).ConfigureAwait(false);
        var inner = await fixture.ArrangeFileAsync(folder.Location.Combine("inner.txt"), Check.Bytes("inner"), cancellationToken).ConfigureAwait(false);

        await management.DeleteAsync(fixture.PrivilegedActor, folder.Location, cancellationToken).ConfigureAwait(false);

        var results = await fixture.Storage.GetFileInfosAsync(fixture.PrivilegedActor, [folder.Id, inner.Id], cancellationToken).ConfigureAwait(false);
        Check.Equal(FileInfoStatus.NotFound, results[folder.Id].Status, "The deleted folder's status");
        Check.Equal(FileInfoStatus.NotFound, results[inner.Id].Status, "The status of a file in the deleted folder");
    }
}
