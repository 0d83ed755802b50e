namespace OpenProject.Storages.Testing.Conformance;

internal static class NameScenarios
{
    /// <summary>Names that break naive URL building or decoding: each must come back exactly as given.</summary>
    private static readonly (string Description, string Name)[] SpecialNames =
    [
        ("spaces", "annual report 2024.txt"),
        ("a plus sign", "C++ notes+more.txt"),
        ("a hash sign", "issue #42.txt"),
        ("a percent sign followed by hex digits", "100%25 done %20.txt"),
        ("a tilde", "~backup~.txt"),
        ("an ampersand", "Q&A & more.txt"),
        ("umlauts", "Übersicht für Jürgen ß.txt"),
        ("Cyrillic letters", "Отчёт.txt"),
        ("an emoji", "party 🎉.txt"),
    ];

    /// <summary>Names that are not valid UTF-16: stored, they would turn into U+FFFD and no longer match what the caller holds.</summary>
    private static readonly string[] LoneSurrogateNames = ["high \uD83D alone.txt", "low \uDE00 alone.txt", "ends with high \uD83D", "\uDE00\uD83D reversed pair.txt"];

    public static IEnumerable<ConformanceCase> Cases { get; } =
    [
        .. SpecialNames.Select(entry => new ConformanceCase(
            $"A name with {entry.Description} comes back exactly in listings and info",
            StorageCapabilities.None,
            (fixture, root, cancellationToken) => RoundTripsAsync(fixture, root, entry.Name, cancellationToken))),
        new("Uploads and new folders keep names with special characters exactly", StorageCapabilities.Uploads | StorageCapabilities.Management, UploadsKeepNamesAsync),
        new("The NFC and NFD forms of ü are two distinct names that both come back exactly", StorageCapabilities.DistinctNormalizationForms, NormalizationFormsStayDistinctAsync),
        new("A name with a lone surrogate (invalid UTF-16) is refused as the caller's mistake and nothing is stored", StorageCapabilities.Uploads | StorageCapabilities.Management, LoneSurrogatesAreRefusedAsync),
    ];

    private static async Task RoundTripsAsync(IFileStorageConformanceFixture fixture, StoragePath root, string name, CancellationToken cancellationToken)
    {
        var folder = await fixture.ArrangeFolderAsync(root.Combine("Folder " + name), cancellationToken).ConfigureAwait(false);
        var file = await fixture.ArrangeFileAsync(folder.Location.Combine(name), Check.Bytes(name), cancellationToken).ConfigureAwait(false);

        var listing = await fixture.Storage.ListFolderAsync(fixture.PrivilegedActor, folder.Location, cancellationToken).ConfigureAwait(false);
        Check.Equal("Folder " + name, listing.Folder.Name, "The listed folder's name");
        var listed = Check.Single(listing.Children, name, "The listing");
        Check.Equal(file.Id, listed.Id, "The listed file's id");
        Check.Equal(folder.Location.Combine(name), listed.Location, "The listed file's location");

        var info = await fixture.Storage.GetFileInfoAsync(fixture.PrivilegedActor, file.Id, cancellationToken).ConfigureAwait(false);
        Check.Equal(name, info.Name, "The name read by id");
        Check.Equal(folder.Location.Combine(name), info.Location, "The location read by id");
    }

    private static async Task UploadsKeepNamesAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var uploads = Check.Capability<IFileUploads>(fixture);
        var management = Check.Capability<IFileManagement>(fixture);
        foreach (var (_, name) in SpecialNames)
        {
            var folder = await management.CreateFolderAsync(fixture.PrivilegedActor, root, "Folder " + name, cancellationToken).ConfigureAwait(false);
            Check.Equal("Folder " + name, folder.Name, "A created folder's name");
            using var content = new MemoryStream(Check.Bytes(name));
            var uploaded = await uploads.UploadAsync(fixture.PrivilegedActor, folder.Location, name, content, NameConflictPolicy.Fail, cancellationToken).ConfigureAwait(false);
            Check.Equal(name, uploaded.Name, "An uploaded file's name");
            Check.Equal(folder.Location.Combine(name), uploaded.Location, "An uploaded file's location");
            var info = await fixture.Storage.GetFileInfoAsync(fixture.PrivilegedActor, uploaded.Id, cancellationToken).ConfigureAwait(false);
            Check.Equal(name, info.Name, "An uploaded file's name read by id");
        }
    }

    private static async Task NormalizationFormsStayDistinctAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        const string composed = "\u00FC.txt";
        const string decomposed = "u\u0308.txt";
        var first = await fixture.ArrangeFileAsync(root.Combine(composed), Check.Bytes("composed"), cancellationToken).ConfigureAwait(false);
        var second = await fixture.ArrangeFileAsync(root.Combine(decomposed), Check.Bytes("decomposed"), cancellationToken).ConfigureAwait(false);

        Check.That(first.Id != second.Id, "The NFC and NFD names are two files with two ids.");
        var listing = await fixture.Storage.ListFolderAsync(fixture.PrivilegedActor, root, cancellationToken).ConfigureAwait(false);
        Check.Equal(first.Id, Check.Single(listing.Children, composed, "The listing (NFC name)").Id, "The NFC file's id");
        Check.Equal(second.Id, Check.Single(listing.Children, decomposed, "The listing (NFD name)").Id, "The NFD file's id");
        var results = await fixture.Storage.GetFileInfosAsync(fixture.PrivilegedActor, [first.Id, second.Id], cancellationToken).ConfigureAwait(false);
        Check.Equal(composed, results[first.Id].Item?.Name, "The NFC name read by id");
        Check.Equal(decomposed, results[second.Id].Item?.Name, "The NFD name read by id");
    }

    private static async Task LoneSurrogatesAreRefusedAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var uploads = Check.Capability<IFileUploads>(fixture);
        var management = Check.Capability<IFileManagement>(fixture);
        var file = await fixture.ArrangeFileAsync(root.Combine("kept.txt"), Check.Bytes("kept"), cancellationToken).ConfigureAwait(false);
        foreach (var name in LoneSurrogateNames)
        {
            Check.That(!StoragePath.IsValidName(name), $"StoragePath.IsValidName refuses the name with a lone surrogate {Escaped(name)}.");
            using var content = new MemoryStream(Check.Bytes("lost"));
            await Check.RefusedAsArgumentAsync(() => uploads.UploadAsync(fixture.PrivilegedActor, root, name, content, NameConflictPolicy.Fail, cancellationToken), $"Uploading as {Escaped(name)}").ConfigureAwait(false);
            await Check.RefusedAsArgumentAsync(() => management.CreateFolderAsync(fixture.PrivilegedActor, root, name, cancellationToken), $"Creating a folder named {Escaped(name)}").ConfigureAwait(false);

            // A rename or move takes a path, and no path can hold such a name: the destination cannot even be built.
            await Check.RefusedAsArgumentAsync(() => management.MoveAsync(fixture.PrivilegedActor, file.Location, root.Combine(name), cancellationToken), $"Renaming to {Escaped(name)}").ConfigureAwait(false);
            await Check.RefusedAsArgumentAsync(() => Task.FromResult(StoragePath.Parse(root + "/" + name)), $"Parsing a path ending in {Escaped(name)}").ConfigureAwait(false);
        }

        var listing = await fixture.Storage.ListFolderAsync(fixture.PrivilegedActor, root, cancellationToken).ConfigureAwait(false);
        Check.SequenceEqual(["kept.txt"], listing.Children.Select(child => child.Name), "The folder's children after the refused names");
    }

    private static string Escaped(string name) =>
        string.Concat(name.Select(c => char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
