using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.Nextcloud.Accounts.Tests.Fakes;
using OpenProject.Storages.Nextcloud.Internal;

namespace OpenProject.Storages.Nextcloud.Accounts.Tests;

public sealed class NoSecretsTests
{
    private static readonly HostUserId Alice = new("op-alice");

    [Fact]
    public async Task No_token_secret_state_verifier_or_code_reaches_logs_exception_messages_or_ToString()
    {
        using var app = AppInstance.Create(out var time);
        var seen = new List<string>();
        async Task Capture(Func<Task> action)
        {
            try
            {
                await action();
            }
            catch (Exception exception)
            {
                seen.Add(exception.ToString());
                seen.Add(exception.Message);
                if (exception is StorageException { Detail: { } detail })
                {
                    seen.Add(detail);
                }
            }
        }

        // A successful connect, with every record printed along the way.
        var request = await app.Accounts.BeginConnectAsync(AppInstance.Storage, Alice, "/wp/1");
        seen.Add(request.ToString());
        var callbackUrl = app.Server.Approve(request.AuthorizationUri, "alice");
        var callback = StorageConnectCallback.FromUrl(callbackUrl);
        seen.Add(callback.ToString());
        seen.Add((await app.Accounts.CompleteConnectAsync(Alice, callback)).ToString());
        var stored = await app.Store.GetAsync(AppInstance.Storage, Alice);
        seen.Add(stored!.ToString());
        seen.Add((await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice)).ToString());
        seen.Add(new PendingStorageConnect { State = "pending-state-secret", CodeVerifier = "pending-verifier-secret", Storage = AppInstance.Storage, User = Alice, ExpiresAt = time.GetUtcNow() }.ToString());
        app.Server.Secrets.Add("pending-state-secret");
        app.Server.Secrets.Add("pending-verifier-secret");

        // Every failure branch of the callback.
        await Capture(() => app.Accounts.CompleteConnectAsync(Alice, callback));
        await Capture(() => app.Accounts.CompleteConnectAsync(Alice, StorageConnectCallback.FromUrl(new Uri(FakeNextcloudServer.RedirectUri + "?state=forged-state-secret&code=forged-code-secret"))));
        app.Server.Secrets.Add("forged-state-secret");
        app.Server.Secrets.Add("forged-code-secret");
        var second = await app.Accounts.BeginConnectAsync(AppInstance.Storage, Alice);
        await Capture(() => app.Accounts.CompleteConnectAsync(new HostUserId("op-bob"), StorageConnectCallback.FromUrl(app.Server.Approve(second.AuthorizationUri, "alice"))));
        foreach (var fault in Enum.GetValues<TokenFault>())
        {
            app.Server.FailNextTokenRequest(fault);
            await Capture(() => app.ConnectAsync(Alice));
        }

        // Refresh failures and a refusal.
        foreach (var fault in Enum.GetValues<TokenFault>())
        {
            time.Advance(TimeSpan.FromHours(2));
            app.Server.FailNextTokenRequest(fault);
            await Capture(async () => await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice));
            await Capture(() => app.ConnectAsync(Alice));
        }

        // Requests through the handler: a rotated token (401 and retry), the technical user, another host.
        var current = await app.Store.GetAsync(AppInstance.Storage, Alice);
        var rotated = app.Server.RefreshDirectly(current!.Token.RefreshToken!)!;
        await app.Store.TryWriteAsync(AppInstance.Storage, Alice, rotated, current.Version);
        foreach (var (actor, uri) in new[] { (StorageActor.ForUser(Alice), FakeNextcloudServer.Base), (StorageActor.TechnicalUser, FakeNextcloudServer.Base), (StorageActor.ForUser(Alice), new Uri("https://evil.example.com/")) })
        {
            var message = new HttpRequestMessage(HttpMethod.Get, new Uri(uri, "remote.php/dav/files/alice/?token=query-secret"));
            message.Options.Set(NextcloudRequestOptions.Actor, actor);
            using var response = await app.FilesClient().SendAsync(message);
        }

        app.Server.Secrets.Add("query-secret");
        await app.Accounts.DisconnectAsync(AppInstance.Storage, Alice);
        await Capture(async () => await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice));
        seen.Add(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<NextcloudStorageOptions>>().Get(AppInstance.StorageName).ToString());

        seen.AddRange(app.Logs.Entries);
        var secrets = app.Server.Secrets.Concat([
            FakeNextcloudServer.ClientSecret,
            "a:b\"c\\d<e>f",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("OpenProject:a:b\"c\\d<e>f")),
            ConnectTests.Query(request.AuthorizationUri)["state"],
            ConnectTests.Query(request.AuthorizationUri)["code_challenge"],
        ]).Where(s => s.Length > 0).Distinct().ToList();
        Assert.True(secrets.Count > 20, "the scenario should have produced many secrets");
        Assert.True(app.Logs.Entries.Count > 20, "the scenario should have logged");
        foreach (var text in seen)
        {
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A secret leaked into: {text}");
            }
        }
    }
}
