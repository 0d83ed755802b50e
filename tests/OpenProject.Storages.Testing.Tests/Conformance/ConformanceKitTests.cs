namespace OpenProject.Storages.Testing.Tests.Conformance;

public sealed class ConformanceKitTests
{
    [Fact]
    public void Every_case_has_a_unique_name()
    {
        var names = FileStorageConformance.Cases.Select(conformanceCase => conformanceCase.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.True(names.Count >= 30, $"Expected the kit to cover at least 30 scenarios, found {names.Count}.");
    }

    [Fact]
    public void A_case_needing_a_capability_the_fixture_lacks_gives_a_skip_reason_naming_it()
    {
        var fixture = new InMemoryConformanceFixture(StorageCapabilities.Downloads);
        var uploadCase = FileStorageConformance.Cases.First(conformanceCase => conformanceCase.RequiredCapabilities.HasFlag(StorageCapabilities.Uploads));

        var reason = uploadCase.SkipReason(fixture);

        Assert.NotNull(reason);
        Assert.Contains("Uploads", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixture_with_every_capability_runs_every_case()
    {
        var fixture = new InMemoryConformanceFixture();

        Assert.All(FileStorageConformance.Cases, conformanceCase => Assert.Null(conformanceCase.SkipReason(fixture)));
    }

    [Fact]
    public async Task Running_a_case_that_should_be_skipped_fails_instead_of_passing_silently()
    {
        var fixture = new InMemoryConformanceFixture(StorageCapabilities.None);
        var managementCase = FileStorageConformance.Cases.First(conformanceCase => conformanceCase.RequiredCapabilities.HasFlag(StorageCapabilities.Management));

        await Assert.ThrowsAsync<InvalidOperationException>(() => managementCase.RunAsync(fixture, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Finding_an_unknown_case_names_it()
    {
        var error = Assert.Throws<ArgumentException>(() => FileStorageConformance.Find("No such case"));

        Assert.Contains("No such case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_kit_catches_a_provider_that_reports_a_forbidden_file_as_not_found()
    {
        var fixture = new InMemoryConformanceFixture(InMemoryConformanceFixture.AllCapabilities, inner => new ForbiddenAsNotFoundStorage(inner));
        var conformanceCase = FileStorageConformance.Find("Reading info about a file the actor may not read is Forbidden");

        var error = await Assert.ThrowsAsync<ConformanceException>(() => conformanceCase.RunAsync(fixture, TestContext.Current.CancellationToken));

        Assert.Contains("Forbidden", error.Message, StringComparison.Ordinal);
        Assert.Contains("NotFound", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A typical provider bug: every refusal of a single info request is reported as NotFound.</summary>
    private sealed class ForbiddenAsNotFoundStorage(IFileStorage inner) : IFileStorage
    {
        public StorageId Id => inner.Id;

        public string ProductName => inner.ProductName;

        public Task<FolderListing> ListFolderAsync(StorageActor actor, StoragePath folder, CancellationToken cancellationToken = default) => inner.ListFolderAsync(actor, folder, cancellationToken);

        public async Task<StorageItem> GetFileInfoAsync(StorageActor actor, FileId fileId, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.GetFileInfoAsync(actor, fileId, cancellationToken);
            }
            catch (StorageException error) when (error.Code == StorageErrorCode.Forbidden)
            {
                throw new StorageException(StorageErrorCode.NotFound, "Not found.", 404);
            }
        }

        public Task<IReadOnlyDictionary<FileId, FileInfoResult>> GetFileInfosAsync(StorageActor actor, IReadOnlyCollection<FileId> fileIds, CancellationToken cancellationToken = default) => inner.GetFileInfosAsync(actor, fileIds, cancellationToken);

        public Uri GetOpenLink(FileId fileId, OpenLinkTarget target) => inner.GetOpenLink(fileId, target);
    }
}
