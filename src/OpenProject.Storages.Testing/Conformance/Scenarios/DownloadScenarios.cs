namespace OpenProject.Storages.Testing.Conformance;

internal static class DownloadScenarios
{
    public static IEnumerable<ConformanceCase> Cases { get; } =
    [
        new("A downloaded file has exactly the stored content", StorageCapabilities.Downloads, RoundTripsContentAsync),
        new("A download link is an absolute URL for a file, and a folder cannot be downloaded", StorageCapabilities.Downloads, CreatesDownloadLinkAsync),
    ];

    private static async Task RoundTripsContentAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var downloads = Check.Capability<IFileDownloads>(fixture);
        var content = new byte[70_000];
        for (var i = 0; i < content.Length; i++)
        {
            content[i] = (byte)(i * 31 % 251);
        }

        var file = await fixture.ArrangeFileAsync(root.Combine("data.bin"), content, cancellationToken).ConfigureAwait(false);

        var stream = await downloads.OpenReadAsync(fixture.PrivilegedActor, file.Id, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var read = await Check.ReadAllAsync(stream, cancellationToken).ConfigureAwait(false);
            Check.Equal(content.Length, read.Length, "The number of bytes read");
            Check.That(read.AsSpan().SequenceEqual(content), "The bytes read equal the bytes stored.");
        }
    }

    private static async Task CreatesDownloadLinkAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var downloads = Check.Capability<IFileDownloads>(fixture);
        var file = await fixture.ArrangeFileAsync(root.Combine("plan.pdf"), Check.Bytes("plan"), cancellationToken).ConfigureAwait(false);
        var folder = await fixture.ArrangeFolderAsync(root.Combine("Plans"), cancellationToken).ConfigureAwait(false);

        var link = await downloads.GetDownloadLinkAsync(fixture.PrivilegedActor, file.Id, cancellationToken).ConfigureAwait(false);

        Check.That(link.IsAbsoluteUri && link.Scheme is "https" or "http", "The download link is an absolute HTTP(S) URL.");
        await Check.FailsWithAsync(StorageErrorCode.InvalidRequest, () => downloads.GetDownloadLinkAsync(fixture.PrivilegedActor, folder.Id, cancellationToken), "Creating a download link for a folder").ConfigureAwait(false);
    }
}
