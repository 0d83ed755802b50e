namespace OpenProject.Storages.Testing.Tests.Authorization;

public sealed class InMemoryFileLinkAuthorizationTests
{
    private static readonly HostUserId Alice = new("alice");
    private static readonly ContainerRef First = ContainerRef.WorkPackage("1");
    private static readonly ContainerRef Second = ContainerRef.WorkPackage("2");
    private readonly InMemoryFileLinkAuthorization _authorization = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Nothing_is_allowed_until_granted()
    {
        Assert.False(await _authorization.CanViewFileLinksAsync(Alice, First, Cancellation));
        Assert.False(await _authorization.CanManageFileLinksAsync(Alice, First, Cancellation));
    }

    [Fact]
    public async Task Viewing_is_allowed_per_container_and_does_not_allow_managing()
    {
        _authorization.AllowView(Alice, First);

        Assert.True(await _authorization.CanViewFileLinksAsync(Alice, First, Cancellation));
        Assert.False(await _authorization.CanManageFileLinksAsync(Alice, First, Cancellation));
        Assert.False(await _authorization.CanViewFileLinksAsync(Alice, Second, Cancellation));
    }

    [Fact]
    public async Task Managing_implies_viewing()
    {
        _authorization.AllowManage(Alice, First);

        Assert.True(await _authorization.CanManageFileLinksAsync(Alice, First, Cancellation));
        Assert.True(await _authorization.CanViewFileLinksAsync(Alice, First, Cancellation));
    }

    [Fact]
    public async Task Everything_allows_every_container_until_revoked()
    {
        _authorization.AllowEverything(Alice);

        Assert.True(await _authorization.CanManageFileLinksAsync(Alice, Second, Cancellation));
        Assert.False(await _authorization.CanViewFileLinksAsync(new HostUserId("bob"), Second, Cancellation));

        _authorization.Revoke(Alice);
        Assert.False(await _authorization.CanViewFileLinksAsync(Alice, Second, Cancellation));
    }
}
