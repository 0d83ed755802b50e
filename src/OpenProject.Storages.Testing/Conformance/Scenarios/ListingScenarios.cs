namespace OpenProject.Storages.Testing.Conformance;

internal static class ListingScenarios
{
    public static IEnumerable<ConformanceCase> Cases { get; } =
    [
        new("Listing a folder returns its children folders first then by name, the folder itself and its ancestors", StorageCapabilities.None, ListsChildrenFolderAndAncestorsAsync),
        new("Listing the root names it Root and gives it no ancestors", StorageCapabilities.None, ListsTheRootAsync),
        new("Reading a file's info reports its id, name, location, kind, size and type", StorageCapabilities.None, ReadsFileInfoAsync),
        new("Reading a folder's info reports it as a folder with the folder MIME type", StorageCapabilities.None, ReadsFolderInfoAsync),
    ];

    private static async Task ListsChildrenFolderAndAncestorsAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var folder = await fixture.ArrangeFolderAsync(root.Combine("Listed"), cancellationToken).ConfigureAwait(false);
        await fixture.ArrangeFileAsync(folder.Location.Combine("z.txt"), Check.Bytes("z"), cancellationToken).ConfigureAwait(false);
        await fixture.ArrangeFolderAsync(folder.Location.Combine("b folder"), cancellationToken).ConfigureAwait(false);
        await fixture.ArrangeFileAsync(folder.Location.Combine("B.txt"), Check.Bytes("B"), cancellationToken).ConfigureAwait(false);
        await fixture.ArrangeFolderAsync(folder.Location.Combine("a folder"), cancellationToken).ConfigureAwait(false);
        await fixture.ArrangeFileAsync(folder.Location.Combine("a.txt"), Check.Bytes("a"), cancellationToken).ConfigureAwait(false);

        var listing = await fixture.Storage.ListFolderAsync(fixture.PrivilegedActor, folder.Location, cancellationToken).ConfigureAwait(false);

        Check.Equal(folder.Id, listing.Folder.Id, "The listing's folder id");
        Check.Equal(folder.Location, listing.Folder.Location, "The listing's folder location");
        Check.Equal(StorageItemKind.Folder, listing.Folder.Kind, "The listing's folder kind");
        Check.SequenceEqual(["a folder", "b folder", "B.txt", "a.txt", "z.txt"], listing.Children.Select(child => child.Name), "The children (folders first, then by name, ordinally)");
        Check.SequenceEqual(folder.Location.Ancestors, listing.Ancestors, "The ancestors (breadcrumb from the root down to the parent)");
        foreach (var child in listing.Children)
        {
            Check.Equal(folder.Location.Combine(child.Name), child.Location, $"The location of child '{child.Name}'");
        }
    }

    private static async Task ListsTheRootAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var listing = await fixture.Storage.ListFolderAsync(fixture.PrivilegedActor, StoragePath.Root, cancellationToken).ConfigureAwait(false);

        Check.Equal("Root", listing.Folder.Name, "The root folder's name");
        Check.Equal(StoragePath.Root, listing.Folder.Location, "The root folder's location");
        Check.Equal(0, listing.Ancestors.Count, "The number of the root's ancestors");
    }

    private static async Task ReadsFileInfoAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var content = Check.Bytes("Twelve bytes");
        var file = await fixture.ArrangeFileAsync(root.Combine("report.pdf"), content, cancellationToken).ConfigureAwait(false);

        var info = await fixture.Storage.GetFileInfoAsync(fixture.PrivilegedActor, file.Id, cancellationToken).ConfigureAwait(false);

        Check.Equal(file.Id, info.Id, "The file id");
        Check.Equal("report.pdf", info.Name, "The file name");
        Check.Equal(root.Combine("report.pdf"), info.Location, "The file location");
        Check.Equal(StorageItemKind.File, info.Kind, "The kind");
        Check.Equal<long?>(content.Length, info.Size, "The size in bytes");
        Check.Equal("application/pdf", info.MimeType, "The MIME type");
        Check.That(info.Permissions.HasFlag(StoragePermissions.Read), $"The privileged actor's permissions include Read, but the storage reported {info.Permissions}.");
    }

    private static async Task ReadsFolderInfoAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var folder = await fixture.ArrangeFolderAsync(root.Combine("Plans"), cancellationToken).ConfigureAwait(false);

        var info = await fixture.Storage.GetFileInfoAsync(fixture.PrivilegedActor, folder.Id, cancellationToken).ConfigureAwait(false);

        Check.Equal(StorageItemKind.Folder, info.Kind, "The kind");
        Check.Equal(StorageItem.FolderMimeType, info.MimeType, "A folder's MIME type");
        Check.Equal("Plans", info.Name, "The folder name");
    }
}
