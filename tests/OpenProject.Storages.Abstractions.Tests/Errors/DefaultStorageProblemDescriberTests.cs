namespace OpenProject.Storages.Abstractions.Tests.Errors;

public sealed class DefaultStorageProblemDescriberTests
{
    public static TheoryData<string, StorageConnectionState> States => new()
    {
        { "Unauthorized", StorageConnectionState.LoginRequired },
        { "Unavailable", StorageConnectionState.NoConnection },
        { "NotConfigured", StorageConnectionState.NoConnection },
        { "InvalidResponse", StorageConnectionState.FetchError },
        { "NotFound", StorageConnectionState.FetchError },
        { "Unknown", StorageConnectionState.FetchError },
        { "PermissionMissing", StorageConnectionState.PermissionMissing },
        { "Forbidden", StorageConnectionState.PermissionMissing },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Every_code_maps_to_a_clear_state(string code, StorageConnectionState state)
    {
        var problem = new DefaultStorageProblemDescriber().Describe(new StorageException(new StorageErrorCode(code), "x"), "Nextcloud");

        Assert.Equal(state, problem.State);
        Assert.Equal(new StorageErrorCode(code), problem.Code);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title));
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [Fact]
    public void Login_required_names_the_product() =>
        Assert.Equal("Login to Nextcloud", new DefaultStorageProblemDescriber().Describe(new StorageException(StorageErrorCode.Unauthorized, "x"), "Nextcloud").Title);

    [Fact]
    public void A_host_can_replace_the_wording()
    {
        var german = new GermanDescriber();

        Assert.Equal("Bei Nextcloud anmelden", german.Describe(new StorageException(StorageErrorCode.Unauthorized, "x"), "Nextcloud").Title);
    }

    private sealed class GermanDescriber : DefaultStorageProblemDescriber
    {
        public override StorageProblem Describe(StorageException exception, string storageProductName)
        {
            var problem = base.Describe(exception, storageProductName);
            return problem.State == StorageConnectionState.LoginRequired ? problem with { Title = $"Bei {storageProductName} anmelden" } : problem;
        }
    }
}
