namespace OpenProject.Storages.Testing.Conformance;

internal static class UploadScenarios
{
    public static IEnumerable<ConformanceCase> Cases { get; } =
    [
        new("An upload stores the content under the given name", StorageCapabilities.Uploads, UploadStoresContentAsync),
        new("An upload onto an existing name fails with Conflict under the Fail policy and changes nothing", StorageCapabilities.Uploads, FailPolicyRefusesAsync),
        new("An upload onto an existing name keeps both under the KeepBoth policy, numbering like Nextcloud", StorageCapabilities.Uploads, KeepBothNumbersAsync),
        new("An upload onto an existing name replaces the content and keeps the id under the Overwrite policy", StorageCapabilities.Uploads, OverwriteKeepsIdAsync),
        new("An upload into a missing folder is not found", StorageCapabilities.Uploads, MissingFolderIsNotFoundAsync),
        new("An upload link points into the folder and expires after it was created", StorageCapabilities.BrowserUploads, CreatesUploadLinkAsync),
        new("An upload link for a deleted folder is not found", StorageCapabilities.BrowserUploads, UploadLinkForMissingFolderIsNotFoundAsync),
        new("An upload link for a name that is no path segment is refused as the caller's mistake", StorageCapabilities.BrowserUploads, UploadLinkForInvalidNameIsRefusedAsync),
    ];

    private static async Task UploadStoresContentAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var uploads = Check.Capability<IFileUploads>(fixture);
        using var content = new MemoryStream(Check.Bytes("Hello, storage"));

        var uploaded = await uploads.UploadAsync(fixture.PrivilegedActor, root, "hello.txt", content, NameConflictPolicy.Fail, cancellationToken).ConfigureAwait(false);

        Check.Equal("hello.txt", uploaded.Name, "The uploaded file's name");
        Check.Equal(root.Combine("hello.txt"), uploaded.Location, "The uploaded file's location");
        Check.Equal<long?>(14, uploaded.Size, "The uploaded file's size");
        var info = await fixture.Storage.GetFileInfoAsync(fixture.PrivilegedActor, uploaded.Id, cancellationToken).ConfigureAwait(false);
        Check.Equal("hello.txt", info.Name, "The name read back by id");
        await ExpectContentAsync(fixture, uploaded.Id, "Hello, storage", cancellationToken).ConfigureAwait(false);
    }

    private static async Task FailPolicyRefusesAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var uploads = Check.Capability<IFileUploads>(fixture);
        var existing = await fixture.ArrangeFileAsync(root.Combine("report.pdf"), Check.Bytes("original"), cancellationToken).ConfigureAwait(false);
        using var content = new MemoryStream(Check.Bytes("a much longer replacement"));

        await Check.FailsWithAsync(StorageErrorCode.Conflict, () => uploads.UploadAsync(fixture.PrivilegedActor, root, "report.pdf", content, NameConflictPolicy.Fail, cancellationToken), "Uploading onto an existing name under Fail").ConfigureAwait(false);

        var listing = await fixture.Storage.ListFolderAsync(fixture.PrivilegedActor, root, cancellationToken).ConfigureAwait(false);
        Check.SequenceEqual(["report.pdf"], listing.Children.Select(child => child.Name), "The folder after the refused upload");
        Check.Equal(existing.Size, listing.Children[0].Size, "The existing file's size after the refused upload");
        await ExpectContentAsync(fixture, existing.Id, "original", cancellationToken).ConfigureAwait(false);
    }

    private static async Task KeepBothNumbersAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var uploads = Check.Capability<IFileUploads>(fixture);
        var first = await fixture.ArrangeFileAsync(root.Combine("report.pdf"), Check.Bytes("first"), cancellationToken).ConfigureAwait(false);
        using var secondContent = new MemoryStream(Check.Bytes("second"));
        using var thirdContent = new MemoryStream(Check.Bytes("third"));

        var second = await uploads.UploadAsync(fixture.PrivilegedActor, root, "report.pdf", secondContent, NameConflictPolicy.KeepBoth, cancellationToken).ConfigureAwait(false);
        var third = await uploads.UploadAsync(fixture.PrivilegedActor, root, "report.pdf", thirdContent, NameConflictPolicy.KeepBoth, cancellationToken).ConfigureAwait(false);

        Check.Equal("report (2).pdf", second.Name, "The second file's name");
        Check.Equal("report (3).pdf", third.Name, "The third file's name");
        Check.That(second.Id != first.Id && third.Id != first.Id && third.Id != second.Id, "Each kept file has its own id.");
        var listing = await fixture.Storage.ListFolderAsync(fixture.PrivilegedActor, root, cancellationToken).ConfigureAwait(false);
        Check.SequenceEqual(["report (2).pdf", "report (3).pdf", "report.pdf"], listing.Children.Select(child => child.Name), "The folder after keeping both");
        await ExpectContentAsync(fixture, first.Id, "first", cancellationToken).ConfigureAwait(false);
        await ExpectContentAsync(fixture, third.Id, "third", cancellationToken).ConfigureAwait(false);
    }

    private static async Task OverwriteKeepsIdAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var uploads = Check.Capability<IFileUploads>(fixture);
        var existing = await fixture.ArrangeFileAsync(root.Combine("report.pdf"), Check.Bytes("old"), cancellationToken).ConfigureAwait(false);
        using var content = new MemoryStream(Check.Bytes("new content"));

        var overwritten = await uploads.UploadAsync(fixture.PrivilegedActor, root, "report.pdf", content, NameConflictPolicy.Overwrite, cancellationToken).ConfigureAwait(false);

        Check.Equal(existing.Id, overwritten.Id, "The id after an overwrite");
        Check.Equal("report.pdf", overwritten.Name, "The name after an overwrite");
        Check.Equal<long?>(11, overwritten.Size, "The size after an overwrite");
        var listing = await fixture.Storage.ListFolderAsync(fixture.PrivilegedActor, root, cancellationToken).ConfigureAwait(false);
        Check.Equal(1, listing.Children.Count, "The number of files after an overwrite");
        await ExpectContentAsync(fixture, existing.Id, "new content", cancellationToken).ConfigureAwait(false);
    }

    private static async Task MissingFolderIsNotFoundAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var uploads = Check.Capability<IFileUploads>(fixture);
        using var content = new MemoryStream(Check.Bytes("lost"));

        await Check.FailsWithAsync(StorageErrorCode.NotFound, () => uploads.UploadAsync(fixture.PrivilegedActor, root.Combine("Missing"), "lost.txt", content, NameConflictPolicy.Fail, cancellationToken), "Uploading into a missing folder").ConfigureAwait(false);
    }

    private static async Task CreatesUploadLinkAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var browserUploads = Check.Capability<IBrowserUploads>(fixture);
        var folder = await fixture.ArrangeFolderAsync(root.Combine("Inbox"), cancellationToken).ConfigureAwait(false);

        var link = await browserUploads.CreateUploadLinkAsync(fixture.PrivilegedActor, folder.Id, "report.pdf", NameConflictPolicy.Fail, cancellationToken).ConfigureAwait(false);

        Check.That(link.Url.IsAbsoluteUri && link.Url.Scheme is "https" or "http", $"The upload URL is an absolute HTTP(S) URL, but it was '{link.Url.Scheme}:…'.");
        Check.That(!string.IsNullOrEmpty(link.Method), "The upload link names an HTTP method.");
        Check.Equal("report.pdf", link.FileName, "The name the upload link stores the file under");
        Check.That(
            link.Protocol switch
            {
                UploadProtocol.MultipartForm => !string.IsNullOrEmpty(link.FileField) && link.RangeUnit is null && link.MaxRangeSize is null,
                UploadProtocol.ByteRanges => link.RangeUnit is > 0 && link.MaxRangeSize >= link.RangeUnit && link.FormFields.Count == 0,
                _ => false,
            },
            $"The upload link says everything its protocol ({link.Protocol}) needs, and nothing of the other: a file field for a form, a range unit and size for ranges.");
        Check.That(folder.CreatedAt is not { } created || link.ExpiresAt > created, "The upload link expires after the folder was created.");
        Check.That(!link.ToString().Contains(link.Url.PathAndQuery, StringComparison.Ordinal) || link.Url.PathAndQuery == "/", "The upload link's text form hides its one-time path.");
    }

    private static async Task UploadLinkForMissingFolderIsNotFoundAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var browserUploads = Check.Capability<IBrowserUploads>(fixture);
        var folder = await fixture.ArrangeFolderAsync(root.Combine("Removed"), cancellationToken).ConfigureAwait(false);
        await fixture.ArrangeDeletionAsync(folder.Location, cancellationToken).ConfigureAwait(false);

        await Check.FailsWithAsync(StorageErrorCode.NotFound, () => browserUploads.CreateUploadLinkAsync(fixture.PrivilegedActor, folder.Id, "lost.txt", NameConflictPolicy.Fail, cancellationToken), "Creating an upload link for a deleted folder").ConfigureAwait(false);
    }

    private static async Task UploadLinkForInvalidNameIsRefusedAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var browserUploads = Check.Capability<IBrowserUploads>(fixture);
        var folder = await fixture.ArrangeFolderAsync(root.Combine("Inbox"), cancellationToken).ConfigureAwait(false);

        foreach (var name in new[] { "", "..", "a/b.txt" })
        {
            await Check.RefusedAsArgumentAsync(() => browserUploads.CreateUploadLinkAsync(fixture.PrivilegedActor, folder.Id, name, NameConflictPolicy.Fail, cancellationToken), $"Creating an upload link for the name '{name}'").ConfigureAwait(false);
        }
    }

    /// <summary>Checks content where the storage can stream it, and the size everywhere.</summary>
    internal static async Task ExpectContentAsync(IFileStorageConformanceFixture fixture, FileId id, string expected, CancellationToken cancellationToken)
    {
        var bytes = Check.Bytes(expected);
        var info = await fixture.Storage.GetFileInfoAsync(fixture.PrivilegedActor, id, cancellationToken).ConfigureAwait(false);
        Check.Equal<long?>(bytes.Length, info.Size, $"The size of '{info.Name}'");
        if (fixture.Storage is IFileDownloads downloads && fixture.Capabilities.HasFlag(StorageCapabilities.Downloads))
        {
            var stream = await downloads.OpenReadAsync(fixture.PrivilegedActor, id, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                Check.SequenceEqual(bytes, await Check.ReadAllAsync(stream, cancellationToken).ConfigureAwait(false), $"The content of '{info.Name}'");
            }
        }
    }
}
