namespace OpenProject.Storages.Testing.Tests.Tokens;

public sealed class InMemoryTokenStoreTests
{
    private static readonly StorageId Storage = new("nextcloud");
    private static readonly HostUserId Alice = new("alice");
    private readonly InMemoryTokenStore _store = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_first_write_stores_the_token_with_a_version()
    {
        var written = await _store.TryWriteAsync(Storage, Alice, Token("a"), expectedVersion: null, Cancellation);

        Assert.NotNull(written);
        Assert.Equal(written, await _store.GetAsync(Storage, Alice, Cancellation));
        Assert.Equal(1, _store.SuccessfulWrites);
    }

    [Fact]
    public async Task A_first_write_when_a_token_exists_writes_nothing()
    {
        var existing = await _store.TryWriteAsync(Storage, Alice, Token("a"), expectedVersion: null, Cancellation);

        var second = await _store.TryWriteAsync(Storage, Alice, Token("b"), expectedVersion: null, Cancellation);

        Assert.Null(second);
        Assert.Equal(existing, await _store.GetAsync(Storage, Alice, Cancellation));
    }

    [Fact]
    public async Task A_write_naming_the_current_version_replaces_the_token_and_a_stale_one_returns_null()
    {
        var first = await _store.TryWriteAsync(Storage, Alice, Token("a"), expectedVersion: null, Cancellation);
        var refreshed = await _store.TryWriteAsync(Storage, Alice, Token("b"), first!.Version, Cancellation);

        var stale = await _store.TryWriteAsync(Storage, Alice, Token("c"), first.Version, Cancellation);

        Assert.NotNull(refreshed);
        Assert.NotEqual(first.Version, refreshed.Version);
        Assert.Null(stale);
        Assert.Equal("b", (await _store.GetAsync(Storage, Alice, Cancellation))!.Token.AccessToken);
        Assert.Equal(2, _store.SuccessfulWrites);
    }

    [Fact]
    public async Task A_conditional_remove_with_a_stale_version_keeps_the_token()
    {
        var first = await _store.TryWriteAsync(Storage, Alice, Token("a"), expectedVersion: null, Cancellation);
        var current = await _store.TryWriteAsync(Storage, Alice, Token("b"), first!.Version, Cancellation);

        Assert.False(await _store.RemoveAsync(Storage, Alice, first.Version, Cancellation));
        Assert.NotNull(await _store.GetAsync(Storage, Alice, Cancellation));

        Assert.True(await _store.RemoveAsync(Storage, Alice, current!.Version, Cancellation));
        Assert.Null(await _store.GetAsync(Storage, Alice, Cancellation));
    }

    [Fact]
    public async Task An_unconditional_remove_removes_whatever_is_stored()
    {
        await _store.TryWriteAsync(Storage, Alice, Token("a"), expectedVersion: null, Cancellation);

        Assert.True(await _store.RemoveAsync(Storage, Alice, cancellationToken: Cancellation));
        Assert.False(await _store.RemoveAsync(Storage, Alice, cancellationToken: Cancellation));
    }

    [Fact]
    public async Task Tokens_are_kept_per_storage_and_user()
    {
        await _store.TryWriteAsync(Storage, Alice, Token("a"), expectedVersion: null, Cancellation);

        Assert.Null(await _store.GetAsync(new StorageId("other"), Alice, Cancellation));
        Assert.Null(await _store.GetAsync(Storage, new HostUserId("bob"), Cancellation));
    }

    private static StorageToken Token(string accessToken) => new()
    {
        AccessToken = accessToken,
        ExpiresAt = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero),
        StorageUserId = "alice",
    };
}
