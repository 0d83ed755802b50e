namespace OpenProject.Storages.Testing.Conformance;

internal static class IdentityScenarios
{
    public static IEnumerable<ConformanceCase> Cases { get; } =
    [
        new("A file keeps its id when it is renamed and when it is moved", StorageCapabilities.Management, IdsSurviveRenameAndMoveAsync),
        new("Bulk info answers found, forbidden and not found in one call, once per distinct id", StorageCapabilities.PerUserPermissions, BulkInfoHasMixedOutcomesAsync),
        new("A file deleted in the storage is not found, alone and in bulk", StorageCapabilities.None, DeletedFileIsNotFoundAsync),
        new("The path-to-id map names the folder and its tree by path, as deep as asked", StorageCapabilities.PathToIdMaps, MapsPathsToIdsAsync),
    ];

    private static List<StoragePath> Sorted(IEnumerable<StoragePath> paths) => [.. paths.OrderBy(path => path.ToString(), StringComparer.Ordinal)];

    private static async Task MapsPathsToIdsAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var mapping = Check.Capability<IPathToIdMapping>(fixture);
        var folder = await fixture.ArrangeFolderAsync(root.Combine("Docs"), cancellationToken).ConfigureAwait(false);
        var file = await fixture.ArrangeFileAsync(folder.Location.Combine("a b#1.txt"), Check.Bytes("a"), cancellationToken).ConfigureAwait(false);
        var inner = await fixture.ArrangeFolderAsync(folder.Location.Combine("Inner"), cancellationToken).ConfigureAwait(false);
        var deep = await fixture.ArrangeFileAsync(inner.Location.Combine("deep.txt"), Check.Bytes("deep"), cancellationToken).ConfigureAwait(false);

        var self = await mapping.GetPathToIdMapAsync(fixture.PrivilegedActor, folder.Location, PathMapDepth.Self, cancellationToken).ConfigureAwait(false);
        var children = await mapping.GetPathToIdMapAsync(fixture.PrivilegedActor, folder.Location, PathMapDepth.Children, cancellationToken).ConfigureAwait(false);
        var all = await mapping.GetPathToIdMapAsync(fixture.PrivilegedActor, folder.Location, PathMapDepth.All, cancellationToken).ConfigureAwait(false);

        Check.SequenceEqual([folder.Location], self.Keys, "The paths mapped at depth Self");
        Check.Equal(folder.Id, self[folder.Location], "The folder's id in the map");
        Check.SequenceEqual(Sorted([folder.Location, file.Location, inner.Location]), Sorted(children.Keys), "The paths mapped at depth Children");
        Check.SequenceEqual(Sorted([folder.Location, file.Location, inner.Location, deep.Location]), Sorted(all.Keys), "The paths mapped at depth All");
        Check.Equal(file.Id, all[file.Location], "A file's id in the map");
        Check.Equal(deep.Id, all[deep.Location], "A deep file's id in the map");
        await Check.FailsWithAsync(StorageErrorCode.NotFound, () => mapping.GetPathToIdMapAsync(fixture.PrivilegedActor, root.Combine("Missing"), PathMapDepth.Children, cancellationToken), "Mapping a missing folder").ConfigureAwait(false);
    }

    private static async Task IdsSurviveRenameAndMoveAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var management = Check.Capability<IFileManagement>(fixture);
        var file = await fixture.ArrangeFileAsync(root.Combine("draft.txt"), Check.Bytes("draft"), cancellationToken).ConfigureAwait(false);
        var archive = await fixture.ArrangeFolderAsync(root.Combine("Archive"), cancellationToken).ConfigureAwait(false);

        var renamed = await management.MoveAsync(fixture.PrivilegedActor, file.Location, root.Combine("final.txt"), cancellationToken).ConfigureAwait(false);
        Check.Equal(file.Id, renamed.Id, "The id after a rename");
        Check.Equal("final.txt", renamed.Name, "The name after a rename");

        var moved = await management.MoveAsync(fixture.PrivilegedActor, renamed.Location, archive.Location.Combine("final.txt"), cancellationToken).ConfigureAwait(false);
        Check.Equal(file.Id, moved.Id, "The id after a move");
        Check.Equal(archive.Location.Combine("final.txt"), moved.Location, "The location after a move");

        var info = await fixture.Storage.GetFileInfoAsync(fixture.PrivilegedActor, file.Id, cancellationToken).ConfigureAwait(false);
        Check.Equal(archive.Location.Combine("final.txt"), info.Location, "The location read by id after the move");

        var movedFolder = await management.MoveAsync(fixture.PrivilegedActor, archive.Location, root.Combine("Old archive"), cancellationToken).ConfigureAwait(false);
        Check.Equal(archive.Id, movedFolder.Id, "A folder's id after a rename");
        var inside = await fixture.Storage.GetFileInfoAsync(fixture.PrivilegedActor, file.Id, cancellationToken).ConfigureAwait(false);
        Check.Equal(root.Combine("Old archive").Combine("final.txt"), inside.Location, "The location of a file whose folder was renamed");
    }

    private static async Task BulkInfoHasMixedOutcomesAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var visible = await fixture.ArrangeFileAsync(root.Combine("visible.txt"), Check.Bytes("visible"), cancellationToken).ConfigureAwait(false);
        var hidden = await fixture.ArrangeFileAsync(root.Combine("hidden.txt"), Check.Bytes("hidden"), cancellationToken).ConfigureAwait(false);
        var deleted = await fixture.ArrangeFileAsync(root.Combine("deleted.txt"), Check.Bytes("deleted"), cancellationToken).ConfigureAwait(false);
        await fixture.SetRestrictedPermissionsAsync(hidden.Location, StoragePermissions.None, cancellationToken).ConfigureAwait(false);
        await fixture.ArrangeDeletionAsync(deleted.Location, cancellationToken).ConfigureAwait(false);

        var results = await fixture.Storage.GetFileInfosAsync(fixture.RestrictedActor, [visible.Id, hidden.Id, deleted.Id, visible.Id], cancellationToken).ConfigureAwait(false);

        Check.Equal(3, results.Count, "The number of results for three distinct ids (one asked twice)");
        Check.Equal(FileInfoStatus.Found, results[visible.Id].Status, "The status of a visible file");
        Check.Equal("visible.txt", results[visible.Id].Item?.Name, "The name of the found file");
        Check.Equal(FileInfoStatus.Forbidden, results[hidden.Id].Status, "The status of a file the actor may not read");
        Check.Equal(null, results[hidden.Id].Item, "The item of a forbidden file");
        Check.Equal(FileInfoStatus.NotFound, results[deleted.Id].Status, "The status of a deleted file");
    }

    private static async Task DeletedFileIsNotFoundAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var file = await fixture.ArrangeFileAsync(root.Combine("gone.txt"), Check.Bytes("gone"), cancellationToken).ConfigureAwait(false);
        await fixture.ArrangeDeletionAsync(file.Location, cancellationToken).ConfigureAwait(false);

        await Check.FailsWithAsync(StorageErrorCode.NotFound, () => fixture.Storage.GetFileInfoAsync(fixture.PrivilegedActor, file.Id, cancellationToken), "Reading a deleted file's info").ConfigureAwait(false);
        var results = await fixture.Storage.GetFileInfosAsync(fixture.PrivilegedActor, [file.Id], cancellationToken).ConfigureAwait(false);
        Check.Equal(FileInfoStatus.NotFound, results[file.Id].Status, "The bulk status of a deleted file");
    }
}
