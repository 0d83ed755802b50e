using System.Diagnostics;
using System.Globalization;

namespace OpenProject.Storages.Nextcloud.Tests.Hostile;

/// <summary>
/// Every public operation (<see cref="HostileOperations.All"/>: the storage, the Files tab over it, project
/// folders, the accounts and token provider, the setup validation) against a server on loopback that stalls,
/// drips, lies about its length, or sends a huge or over-compressed body: each ends within the configured bound,
/// with only the allowed outcome, nothing linked, no token lost, and without allocating in proportion to what
/// the server sends.
/// </summary>
[Collection(nameof(HostileAnswerTests))]
[CollectionDefinition(nameof(HostileAnswerTests), DisableParallelization = true)]
public sealed class HostileAnswerTests
{
    private const long Limit = 1024 * 1024;
    private static readonly TimeSpan Configured = TimeSpan.FromSeconds(1);

    public static TheoryData<string, Attack> Cases()
    {
        var data = new TheoryData<string, Attack>();
        foreach (var (operation, _) in HostileOperations.All)
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
        // Size attacks get a generous time bound: on a loaded machine inflating the bomb's first MiB must not pass for a time-out.
        using var app = new HostileApp(server.BaseAddress, IsTimeAttack(attack) ? Configured : TimeSpan.FromSeconds(10), Limit);
        await app.ArrangeAsync();
        var run = HostileOperations.All.Single(o => o.Name == operation).Run;

        // A safety net only: an unbounded call would otherwise hang the suite.
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var error = await HostileOperations.RunAsync(run, app, safety.Token);
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
            else if (storage.Code == StorageErrorCode.InvalidResponse && attack == Attack.Oversized)
            {
                // A gzip bomb may also end as an unreadable body: the token and transfer clients ask for no
                // encoding and read it as the few bytes it is, never inflated. An oversized body names the limit.
                Assert.Contains(Limit.ToString(CultureInfo.InvariantCulture), storage.Message, StringComparison.Ordinal);
            }
        }

        // The server sends 64 MiB (or a gzip that inflates to it); the client may hold a few times the 1 MiB limit.
        Assert.True(grown < 24 * Limit, $"{operation} under {attack} allocated {grown / Limit} MiB.");
    }

    [Fact]
    public void The_table_covers_every_public_operation_of_the_storage_and_the_project_folders()
    {
        // A guard for the one-line rule: a public async method added to either class must be added to the table.
        static IEnumerable<string> Operations(Type type, string prefix) => type.GetMethods()
            .Where(m => m.DeclaringType == type && (m.ReturnType == typeof(Task) || m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() is var g && (g == typeof(Task<>) || g == typeof(IAsyncEnumerable<>))))
            .Select(m => prefix + m.Name);

        var listed = HostileOperations.All.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var missing = Operations(typeof(NextcloudFileStorage), string.Empty)
            .Concat(Operations(typeof(Nextcloud.ProjectFolders.NextcloudProjectFolderStorage), "NextcloudProjectFolderStorage."))
            .Where(name => !listed.Contains(name))
            .ToList();

        Assert.Empty(missing);
    }

    private static bool IsTimeAttack(Attack attack) => attack is Attack.Drip or Attack.LyingLength or Attack.Stall;

    /// <summary>
    /// Time attacks end as Unavailable; size attacks as InvalidResponse, or as the mapped status when only an
    /// error body's first 64 KiB were read (a Sabre 423 for WebDAV writes).
    /// </summary>
    private static StorageErrorCode[] Allowed(Attack attack) => IsTimeAttack(attack)
        ? [StorageErrorCode.Unavailable]
        : [StorageErrorCode.InvalidResponse, StorageErrorCode.Locked];
}
