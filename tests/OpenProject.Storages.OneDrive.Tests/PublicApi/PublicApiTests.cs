using OpenProject.Storages.Tests;

namespace OpenProject.Storages.OneDrive.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void The_public_API_is_the_approved_one() => PublicApiApproval.Verify(typeof(OneDriveFileStorage).Assembly);
}
