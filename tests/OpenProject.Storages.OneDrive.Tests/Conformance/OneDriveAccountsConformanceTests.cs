using OpenProject.Storages.Testing;

namespace OpenProject.Storages.OneDrive.Tests.Conformance;

/// <summary>
/// The conformance kit against the OneDrive provider with its own accounts: every user's token comes from the
/// authorization code flow and the shared refresher, and the disconnected actor is one whose refresh Entra ID refuses.
/// </summary>
public sealed class OneDriveAccountsConformanceTests
{
    public static TheoryData<string> CaseNames => new(FileStorageConformance.Cases.Select(conformanceCase => conformanceCase.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task The_OneDrive_storage_conforms_with_account_tokens(string caseName)
    {
        using var fixture = new OneDriveConformanceFixture(accounts: true);
        var conformanceCase = FileStorageConformance.Find(caseName);
        if (conformanceCase.SkipReason(fixture) is { } reason)
        {
            Assert.Skip(reason);
        }

        await fixture.ConnectAccountsAsync(TestContext.Current.CancellationToken);
        await conformanceCase.RunAsync(fixture, TestContext.Current.CancellationToken);
    }
}
