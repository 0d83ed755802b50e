using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.Tests.Conformance;

/// <summary>The conformance kit against the Nextcloud provider and the stateful stand-in, each case on a fresh server.</summary>
public sealed class NextcloudConformanceTests
{
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

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task The_Nextcloud_storage_conforms_over_loopback_against_a_server_that_keeps_sessions(string caseName)
    {
        await using var fixture = await NextcloudConformanceFixture.OverLoopbackAsync();
        await RunAsync(fixture, caseName);
        Assert.Equal(0, fixture.Sessions!.RequestsWithSession);
    }

    private static async Task RunAsync(NextcloudConformanceFixture fixture, string caseName)
    {
        var conformanceCase = FileStorageConformance.Find(caseName);
        if (conformanceCase.SkipReason(fixture) is { } reason)
        {
            Assert.Skip(reason);
        }

        await conformanceCase.RunAsync(fixture, TestContext.Current.CancellationToken);
    }
}
