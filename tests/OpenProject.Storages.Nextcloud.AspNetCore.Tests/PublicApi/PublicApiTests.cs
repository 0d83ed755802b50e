using OpenProject.Storages.Tests;

namespace OpenProject.Storages.Nextcloud.AspNetCore.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void The_public_API_is_the_approved_one() => PublicApiApproval.Verify(typeof(NextcloudIntegrationOptions).Assembly);
}
