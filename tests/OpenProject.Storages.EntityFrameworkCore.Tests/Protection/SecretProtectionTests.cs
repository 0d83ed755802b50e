using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.EntityFrameworkCore.Tests.Databases;

namespace OpenProject.Storages.EntityFrameworkCore.Tests.Protection;

/// <summary>With <see cref="StorageStoreOptions.ProtectSecrets"/>, tokens and verifiers are unreadable in the database.</summary>
public sealed class SecretProtectionTests
{
    private static readonly StorageId Storage = new("nc");
    private static readonly HostUserId Alice = new("42");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Protected_tokens_and_verifiers_round_trip_and_never_appear_in_the_rows()
    {
        await using var database = await TestDatabase.SqliteAsync();
        var keys = new EphemeralDataProtectionProvider();
        await using var context = database.NewContext();
        var tokens = new EntityFrameworkStorageTokenStore<OpenProjectStoragesDbContext>(context, keys);
        var states = new EntityFrameworkConnectStateStore<OpenProjectStoragesDbContext>(context, TimeProvider.System, keys);

        var written = await tokens.TryWriteAsync(Storage, Alice, Token("secret-access", "secret-refresh"), null, _ct);
        await states.AddAsync(Pending("secret-verifier"), _ct);

        Assert.Equal(written, await tokens.GetAsync(Storage, Alice, _ct));
        Assert.Equal("secret-verifier", (await states.TakeAsync("state-1", _ct))!.CodeVerifier);
        await using var raw = database.NewContext();
        var row = await raw.StorageTokens.SingleAsync(_ct);
        Assert.DoesNotContain("secret", row.AccessToken + row.RefreshToken, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", (await raw.PendingConnects.SingleAsync(_ct)).CodeVerifier, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_stored_before_protection_was_turned_on_is_read_and_protected_at_its_next_write()
    {
        await using var database = await TestDatabase.SqliteAsync();
        await using var before = database.NewContext();
        var plain = await new EntityFrameworkStorageTokenStore<OpenProjectStoragesDbContext>(before).TryWriteAsync(Storage, Alice, Token("old-access", "old-refresh"), null, _ct);
        await using var after = database.NewContext();
        var tokens = new EntityFrameworkStorageTokenStore<OpenProjectStoragesDbContext>(after, new EphemeralDataProtectionProvider());

        var read = await tokens.GetAsync(Storage, Alice, _ct);
        await tokens.TryWriteAsync(Storage, Alice, Token("new-access", "new-refresh"), read!.Version, _ct);

        Assert.Equal(plain, read);
        await using var raw = database.NewContext();
        Assert.DoesNotContain("new-", (await raw.StorageTokens.SingleAsync(_ct)).RefreshToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_protected_with_another_key_ring_is_NotConfigured_saying_why()
    {
        await using var database = await TestDatabase.SqliteAsync();
        await using var first = database.NewContext();
        await new EntityFrameworkStorageTokenStore<OpenProjectStoragesDbContext>(first, new EphemeralDataProtectionProvider()).TryWriteAsync(Storage, Alice, Token("a", "r"), null, _ct);
        await using var second = database.NewContext();

        var error = await Assert.ThrowsAsync<StorageException>(() => new EntityFrameworkStorageTokenStore<OpenProjectStoragesDbContext>(second, new EphemeralDataProtectionProvider()).GetAsync(Storage, Alice, _ct));

        Assert.Equal(StorageErrorCode.NotConfigured, error.Code);
        Assert.Contains("key ring", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Turning_protection_on_without_Data_Protection_registered_says_what_to_register()
    {
        var services = new ServiceCollection();
        services.AddDbContext<OpenProjectStoragesDbContext>(options => options.UseSqlite("Data Source=:memory:"));
        services.AddOpenProjectStorageStores<OpenProjectStoragesDbContext>(options => options.ProtectSecrets = true);
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        var error = Assert.Throws<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<IStorageTokenStore>());

        Assert.Contains("AddDataProtection", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_Data_Protection_registered_the_registered_stores_protect()
    {
        await using var database = await TestDatabase.SqliteAsync();
        var services = new ServiceCollection();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddScoped(_ => database.NewContext());
        services.AddOpenProjectStorageStores<OpenProjectStoragesDbContext>(options => options.ProtectSecrets = true);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();

        await scope.ServiceProvider.GetRequiredService<IStorageTokenStore>().TryWriteAsync(Storage, Alice, Token("secret-access", "secret-refresh"), null, _ct);

        await using var raw = database.NewContext();
        Assert.StartsWith("dp1:", (await raw.StorageTokens.SingleAsync(_ct)).AccessToken, StringComparison.Ordinal);
    }

    private static StorageToken Token(string access, string refresh) =>
        new() { AccessToken = access, RefreshToken = refresh, ExpiresAt = new DateTimeOffset(2026, 12, 5, 13, 0, 0, TimeSpan.Zero), StorageUserId = "alice" };

    private static PendingStorageConnect Pending(string verifier) => new()
    {
        State = "state-1",
        Storage = Storage,
        User = Alice,
        CodeVerifier = verifier,
        ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(10),
    };
}
