using OpenProject.Storages.Testing;

namespace OpenProject.Storages.OneDrive.Tests.Conformance;

/// <summary>The conformance kit against the OneDrive provider and the stateful Graph stand-in, each case on a fresh drive.</summary>
public sealed class OneDriveConformanceTests
{
    public static TheoryData<string> CaseNames => new(FileStorageConformance.Cases.Select(conformanceCase => conformanceCase.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task The_OneDrive_storage_conforms(string caseName)
    {
        using var fixture = new OneDriveConformanceFixture();
        var conformanceCase = FileStorageConformance.Find(caseName);
        if (conformanceCase.SkipReason(fixture) is { } reason)
        {
            Assert.Skip(reason);
        }

        await conformanceCase.RunAsync(fixture, TestContext.Current.CancellationToken);
    }
}
