using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using OpenProject.Storages.Nextcloud.Tests.StandIn;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.Tests.Hostile;

/// <summary>
/// Every public metadata operation against a server that drips, lies about its length, or sends a huge or
/// over-compressed body: each ends within the configured bound, with only the allowed outcome, and without
/// taking memory in proportion to what the server sends. Adding an operation is one line in <see cref="Operations"/>.
/// </summary>
[Collection(nameof(HostileAnswerTests))]
[CollectionDefinition(nameof(HostileAnswerTests), DisableParallelization = true)]
public sealed class HostileAnswerTests
{
    private const long Limit = 1024 * 1024;
    private static readonly TimeSpan Configured = TimeSpan.FromSeconds(2);
    private static readonly StorageActor Alice = NextcloudTestHost.Alice;
    private static readonly ContainerRef WorkPackage = ContainerRef.WorkPackage("1");

    /// <summary>The operations, by name: what each does against the hostile server.</summary>
    private static readonly Dictionary<string, Func<Harness, CancellationToken, Task>> Operations = new(StringComparer.Ordinal)
    {
        ["list folder"] = (h, ct) => h.Storage.ListFolderAsync(Alice, StoragePath.Root, ct),
        ["file info"] = (h, ct) => h.Storage.GetFileInfoAsync(Alice, new FileId("1"), ct),
        ["files info"] = (h, ct) => h.Storage.GetFileInfosAsync(Alice, [new FileId("1"), new FileId("2")], ct),
        ["Files tab"] = (h, ct) => h.ListFileLinksAsync(ct),
        ["download link"] = (h, ct) => h.Storage.GetDownloadLinkAsync(Alice, new FileId("1"), ct),
        ["download"] = (h, ct) => h.Storage.OpenReadAsync(Alice, new FileId("1"), ct),
        ["upload link"] = (h, ct) => h.Storage.CreateUploadLinkAsync(Alice, new FileId("1"), ct),
        ["upload"] = (h, ct) => h.Storage.UploadAsync(Alice, StoragePath.Root, "a.txt", new MemoryStream([1, 2, 3]), NameConflictPolicy.Overwrite, ct),
        ["create folder"] = (h, ct) => h.Storage.CreateFolderAsync(Alice, StoragePath.Root, "new", ct),
        ["move"] = (h, ct) => h.Storage.MoveAsync(Alice, StoragePath.Parse("a.txt"), StoragePath.Parse("b.txt"), ct),
        ["delete"] = (h, ct) => h.Storage.DeleteAsync(Alice, StoragePath.Parse("a.txt"), ct),
        ["path map"] = (h, ct) => h.Storage.GetPathToIdMapAsync(Alice, StoragePath.Root, cancellationToken: ct),
        ["setup validation"] = (h, ct) => h.ValidateSetupAsync(ct),
    };

    public static TheoryData<string, Attack> Cases()
    {
        var data = new TheoryData<string, Attack>();
        foreach (var operation in Operations.Keys)
        {
            foreach (var attack in Enum.GetValues<Attack>())
            {
                data.Add(operation, attack);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_operation_ends_within_its_bound_with_an_allowed_outcome_and_bounded_memory(string operation, Attack attack)
    {
        await using var server = await HostileServer.StartAsync(attack);
        using var harness = new Harness(server.BaseAddress);

        // A safety net only: an unbounded call would otherwise hang the suite.
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var error = await Record.ExceptionAsync(() => Operations[operation](harness, safety.Token));
        clock.Stop();
        var grown = GC.GetTotalAllocatedBytes(precise: true) - allocated;

        Assert.False(safety.IsCancellationRequested, $"{operation} under {attack} did not end by itself.");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{operation} under {attack} took {clock.Elapsed}, configured {Configured}.");
        if (error is not null)
        {
            var storage = Assert.IsType<StorageException>(error, exactMatch: false);
            Assert.Contains(storage.Code, Allowed(attack));
            if (storage.Code == StorageErrorCode.Unavailable)
            {
                Assert.Contains("timed out after", storage.Message, StringComparison.Ordinal);
            }
            else if (storage.Code == StorageErrorCode.InvalidResponse)
            {
                Assert.Contains(Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), storage.Message, StringComparison.Ordinal);
            }
        }

        // The server sends 64 MiB (or a gzip that inflates to it); the client may hold a few times the 1 MiB limit.
        Assert.True(grown < 24 * Limit, $"{operation} under {attack} allocated {grown / Limit} MiB.");
    }

    [Fact]
    public void The_table_covers_every_public_metadata_operation_of_the_storage()
    {
        // A guard for the one-line rule: each public async method of NextcloudFileStorage but the pure ones appears above.
        var methods = typeof(NextcloudFileStorage).GetMethods()
            .Where(m => m.DeclaringType == typeof(NextcloudFileStorage) && m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(Task<>) || m.ReturnType == typeof(Task))
            .Select(m => m.Name)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            ["CreateFolderAsync", "CreateUploadLinkAsync", "DeleteAsync", "GetDownloadLinkAsync", "GetFileInfoAsync", "GetFileInfosAsync", "GetPathToIdMapAsync", "ListFolderAsync", "MoveAsync", "OpenReadAsync", "UploadAsync"],
            methods);
    }

    /// <summary>Time attacks end as Unavailable; size attacks as InvalidResponse, or as the mapped status when only an error body's first 64 KiB were read (a Sabre 423).</summary>
    private static StorageErrorCode[] Allowed(Attack attack) => attack is Attack.Drip or Attack.LyingLength
        ? [StorageErrorCode.Unavailable]
        : [StorageErrorCode.InvalidResponse, StorageErrorCode.Locked];

    /// <summary>One storage ("nc") with short bounds, pointed at the hostile server, with the Files tab and the setup validation.</summary>
    private sealed class Harness : IDisposable
    {
        private readonly ServiceProvider _services;
        private readonly InMemoryFileLinkRepository _links = new();

        public Harness(Uri baseAddress)
        {
            var services = new ServiceCollection();
            services.AddSingleton<IStorageAccessTokenProvider>(new FakeTokenProvider());
            services.AddNextcloudStorage("nc", options =>
            {
                options.BaseAddress = baseAddress;
                options.TechnicalUserAppPassword = NextcloudTestHost.TechnicalPassword;
                options.RequestTimeout = Configured;
                options.RequestAttemptTimeout = TimeSpan.FromSeconds(1);
                options.TransferIdleTimeout = Configured;
                options.MaxResponseBodySize = Limit;
                options.MaxMultiStatusBodySize = Limit;
            }).Resilience.Configure(options =>
            {
                options.Retry.Delay = TimeSpan.Zero;
                options.Retry.UseJitter = false;
            });
            services.Configure<NextcloudSetupOptions>("nc", options => options.RequestTimeout = Configured);
            _services = services.BuildServiceProvider();
        }

        public NextcloudFileStorage Storage => _services.GetRequiredKeyedService<NextcloudFileStorage>("nc");

        public async Task ListFileLinksAsync(CancellationToken cancellationToken)
        {
            var user = Alice.User!.Value;
            await _links.AddAsync(new NewFileLink { Storage = Storage.Id, Container = WorkPackage, OriginId = new FileId("1"), Origin = new FileOriginData { Name = "a.txt" }, CreatedBy = user }, cancellationToken);
            var authorization = new InMemoryFileLinkAuthorization();
            authorization.AllowEverything(user);
            var service = new FileLinkService(new FileStorageCatalog([Storage]), _links, authorization, new DefaultStorageProblemDescriber());
            var listed = await service.ListFileLinksAsync(user, WorkPackage, cancellationToken);
            Assert.All(listed.Storages.SelectMany(s => s.Links), entry => Assert.False(entry.CanOpen));
        }

        public async Task ValidateSetupAsync(CancellationToken cancellationToken)
        {
            var validator = _services.GetRequiredKeyedService<IStorageSetupValidator>("nc");
            var report = await validator.ValidateSetupAsync(new StorageSetupValidationContext { ActingUser = Alice.User }, cancellationToken);
            Assert.Contains(report.Checks, check => check.Status == StorageCheckStatus.Failed);
        }

        public void Dispose() => _services.Dispose();
    }
}
