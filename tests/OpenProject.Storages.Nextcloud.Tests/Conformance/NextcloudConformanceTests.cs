using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.Tests.Conformance;

/// <summary>The conformance kit against the Nextcloud provider and the stateful stand-in, each case on a fresh server.</summary>
public sealed class NextcloudConformanceTests
{
    /// <summary>
    /// Cases a real Nextcloud cannot pass, with the reason; the kit's capability flags cannot express these,
    /// so they are reported as skipped here instead of being weakened in the kit.
    /// </summary>
    private static readonly Dictionary<string, string> NextcloudBehaviours = new(StringComparer.Ordinal)
    {
        ["Listing a folder the actor may not read is Forbidden"] =
            "Nextcloud answers a PROPFIND on a folder the user may not read (a team folder ACL without read) with 404 like a missing one: "
            + "the node is not in the user's view at all, so the provider can only report NotFound. File info by id does tell the two apart (403).",
    };

    public static TheoryData<string> CaseNames => new(FileStorageConformance.Cases.Select(conformanceCase => conformanceCase.Name));

    /// <summary>The cases that upload, run again with every upload going through chunked upload v2.</summary>
    public static TheoryData<string> UploadCaseNames => new(FileStorageConformance.Cases
        .Where(conformanceCase => conformanceCase.RequiredCapabilities.HasFlag(StorageCapabilities.Uploads))
        .Select(conformanceCase => conformanceCase.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task The_Nextcloud_storage_conforms(string caseName)
    {
        using var fixture = new NextcloudConformanceFixture();
        await RunAsync(fixture, caseName);
    }

    [Theory]
    [MemberData(nameof(UploadCaseNames))]
    public async Task The_Nextcloud_storage_conforms_with_chunked_uploads(string caseName)
    {
        using var fixture = new NextcloudConformanceFixture(options => options.ChunkedUploadThreshold = 1);
        await RunAsync(fixture, caseName);
        Assert.Equal(0, fixture.Server.OpenUploadSessions);
    }

    private static async Task RunAsync(NextcloudConformanceFixture fixture, string caseName)
    {
        var conformanceCase = FileStorageConformance.Find(caseName);
        if (conformanceCase.SkipReason(fixture) is { } reason)
        {
            Assert.Skip(reason);
        }

        if (NextcloudBehaviours.TryGetValue(caseName, out var behaviour))
        {
            Assert.Skip(behaviour);
        }

        await conformanceCase.RunAsync(fixture, TestContext.Current.CancellationToken);
    }
}
