using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenProject.Storages.Nextcloud.Http;
using OpenProject.Storages.Nextcloud.Internal;
using OpenProject.Storages.Nextcloud.Ocs;
using OpenProject.Storages.Nextcloud.WebDav;

namespace OpenProject.Storages.Nextcloud.Health;

/// <summary>
/// Checks one Nextcloud storage's setup the way OpenProject's connection validator does (base,
/// authentication, project folders), each check with a stable code and a message that says what to do.
/// Anonymous probes go through the storage's health client (no retries, short time-out); requests as
/// the acting user or the technical user go through the provider's own connection and error mapping.
/// </summary>
internal sealed partial class NextcloudSetupValidator : IStorageSetupValidator
{
    private readonly string _name;
    private readonly IHttpClientFactory _clients;
    private readonly IOptionsMonitor<NextcloudStorageOptions> _storageOptions;
    private readonly IOptionsMonitor<NextcloudSetupOptions> _setupOptions;
    private readonly Func<IStorageTokenStore?> _tokenStore;
    private readonly NextcloudConnection _connection;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public NextcloudSetupValidator(
        string name,
        IHttpClientFactory clients,
        IOptionsMonitor<NextcloudStorageOptions> storageOptions,
        IOptionsMonitor<NextcloudSetupOptions> setupOptions,
        Func<IStorageAccessTokenProvider?> tokenProvider,
        Func<IStorageTokenStore?> tokenStore,
        TimeProvider time,
        ILogger logger)
    {
        _name = name;
        _clients = clients;
        _storageOptions = storageOptions;
        _setupOptions = setupOptions;
        _tokenStore = tokenStore;
        _time = time;
        _logger = logger;
        _connection = new NextcloudConnection(new StorageId(name), clients, storageOptions, tokenProvider, logger);
    }

    public async Task<StorageSetupReport> ValidateSetupAsync(StorageSetupValidationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = new Run(this, context, _storageOptions.Get(_name), _setupOptions.Get(_name));
        await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        foreach (var check in run.Results.Where(c => c.Status is StorageCheckStatus.Failed or StorageCheckStatus.Warning))
        {
            HealthLog.CheckDidNotPass(_logger, _connection.StorageId, check.Check, check.Status, check.Code);
        }

        return new StorageSetupReport { Storage = _connection.StorageId, CheckedAt = _time.GetUtcNow(), Checks = run.Results };
    }

    [GeneratedRegex(@"^(\d+)\.(\d+)\.(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ThreePartVersion();

    private static Version? ParseAppVersion(string? text)
    {
        // A part beyond int (an app version of 99999999999) is unreadable, like any other odd version.
        var match = text is null ? null : ThreePartVersion().Match(text);
        return match is { Success: true }
            && ServerValues.BoundedInt(match.Groups[1].ValueSpan) is { } major
            && ServerValues.BoundedInt(match.Groups[2].ValueSpan) is { } minor
            && ServerValues.BoundedInt(match.Groups[3].ValueSpan) is { } patch
            ? new Version(major, minor, patch)
            : null;
    }

    private static Dictionary<string, string> Data(params (string Key, string? Value)[] entries) =>
        entries.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!, StringComparer.Ordinal);

    /// <summary>One validation: the results so far, by name, so later checks can name the check that kept them from running.</summary>
    private sealed class Run(NextcloudSetupValidator owner, StorageSetupValidationContext context, NextcloudStorageOptions options, NextcloudSetupOptions setup)
    {
        private readonly Dictionary<string, StorageCheckResult> _byName = new(StringComparer.Ordinal);
        private NextcloudUris? _uris;
        private JsonElement _integrationApp;
        private List<TeamFolderEntry>? _teamFolder;

        public List<StorageCheckResult> Results { get; } = [];

        private HealthProbe Probe => new(owner._clients, owner._name, setup.RequestTimeout);

        public async Task ExecuteAsync(CancellationToken cancellationToken)
        {
            const StorageCheckGroup Base = StorageCheckGroup.Base;
            const StorageCheckGroup Auth = StorageCheckGroup.Authentication;
            const StorageCheckGroup Folders = StorageCheckGroup.ProjectFolders;

            Add(CheckConfiguration());
            await AddAsync(NextcloudSetupChecks.ServerStatus, Base, [NextcloudSetupChecks.Configuration], (check, ct) => CheckServerStatusAsync(check, ct), cancellationToken).ConfigureAwait(false);
            await AddAsync(NextcloudSetupChecks.Capabilities, Base, [NextcloudSetupChecks.ServerStatus], CheckCapabilitiesAsync, cancellationToken).ConfigureAwait(false);
            Add(NextcloudSetupChecks.IntegrationApp, Base, [NextcloudSetupChecks.Capabilities], CheckIntegrationApp);
            Add(NextcloudSetupChecks.IntegrationAppVersion, Base, [NextcloudSetupChecks.IntegrationApp], CheckIntegrationAppVersion);
            await AddAsync(NextcloudSetupChecks.AuthorizationHeader, Base, [NextcloudSetupChecks.IntegrationApp], CheckAuthorizationHeaderAsync, cancellationToken).ConfigureAwait(false);

            Add(CheckOAuthClient());
            await AddAsync(StorageSetupChecks.UserToken, Auth, [], CheckUserTokenAsync, cancellationToken).ConfigureAwait(false);
            await AddAsync(StorageSetupChecks.UserRequest, Auth, [NextcloudSetupChecks.OAuthClient, NextcloudSetupChecks.ServerStatus, NextcloudSetupChecks.AuthorizationHeader, StorageSetupChecks.UserToken], CheckUserRequestAsync, cancellationToken, warningsBlock: true).ConfigureAwait(false);

            if (!setup.ProjectFoldersEnabled)
            {
                return;
            }

            Add(NextcloudSetupChecks.TeamFoldersApp, Folders, [NextcloudSetupChecks.IntegrationApp], CheckTeamFoldersApp);
            await AddAsync(NextcloudSetupChecks.TechnicalUser, Folders, [NextcloudSetupChecks.ServerStatus, NextcloudSetupChecks.AuthorizationHeader], CheckTechnicalUserAsync, cancellationToken).ConfigureAwait(false);
            await AddAsync(NextcloudSetupChecks.TeamFolder, Folders, [NextcloudSetupChecks.TeamFoldersApp, NextcloudSetupChecks.TechnicalUser], CheckTeamFolderAsync, cancellationToken).ConfigureAwait(false);
            Add(NextcloudSetupChecks.TeamFolderAcl, Folders, [NextcloudSetupChecks.TeamFolder], CheckTeamFolderAcl);
            Add(CheckProjectFoldersLinked());
            Add(StorageSetupChecks.ProjectFoldersExist, Folders, [NextcloudSetupChecks.TeamFolder], CheckProjectFoldersExist);
            Add(NextcloudSetupChecks.TeamFolderContents, Folders, [NextcloudSetupChecks.TeamFolder], CheckTeamFolderContents);
        }

        private void Add(StorageCheckResult result)
        {
            Results.Add(result);
            _byName[result.Check] = result;
        }

        private void Add(string check, StorageCheckGroup group, string[] dependsOn, Func<string, StorageCheckResult> run)
        {
            StorageCheckResult result;
            try
            {
                result = Blocked(check, group, dependsOn, warningsBlock: false) ?? run(check);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                result = Unexpected(check, group, ex);
            }

            Add(result);
        }

        private async Task AddAsync(string check, StorageCheckGroup group, string[] dependsOn, Func<string, CancellationToken, Task<StorageCheckResult>> run, CancellationToken cancellationToken, bool warningsBlock = false)
        {
            StorageCheckResult result;
            try
            {
                result = Blocked(check, group, dependsOn, warningsBlock) ?? await run(check, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                result = Unexpected(check, group, ex);
            }

            Add(result);
        }

        /// <summary>
        /// The last line of "a report, never a throw": whatever a probe ran into that its check did not foresee
        /// (a reset mid-body, a value out of range) fails that check alone. Only the exception's type is shown,
        /// because its message may quote the server.
        /// </summary>
        private static StorageCheckResult Unexpected(string check, StorageCheckGroup group, Exception ex) => ex switch
        {
            StorageException storage => StorageCheckResult.Fail(check, group, StorageSetupCodes.InvalidResponse, $"The check could not finish: {storage.Message}", Data(("error", storage.Code.ToString()))),
            HttpRequestException or IOException => StorageCheckResult.Fail(check, group, StorageSetupCodes.HostUnreachable, "The connection to Nextcloud broke while its answer was read. Check the network, proxy and Nextcloud's logs, then run the checks again.", Data(("exception", ex.GetType().Name))),
            OperationCanceledException => StorageCheckResult.Fail(check, group, StorageSetupCodes.Timeout, "Nextcloud did not answer in time.", Data(("exception", ex.GetType().Name))),
            _ => StorageCheckResult.Fail(check, group, StorageSetupCodes.InvalidResponse, "Nextcloud's answer could not be read (a value out of range or an unexpected shape). Check Nextcloud's version and logs.", Data(("exception", ex.GetType().Name))),
        };

        /// <summary>A skipped result when a check it depends on did not pass, naming the check where the trouble started.</summary>
        private StorageCheckResult? Blocked(string check, StorageCheckGroup group, string[] dependsOn, bool warningsBlock)
        {
            foreach (var name in dependsOn)
            {
                if (!_byName.TryGetValue(name, out var dependency))
                {
                    continue;
                }

                if (dependency.Status == StorageCheckStatus.Skipped)
                {
                    return dependency.SkippedBecause is { } root && _byName.TryGetValue(root, out var rootResult)
                        ? StorageCheckResult.Skip(check, group, rootResult)
                        : StorageCheckResult.Skip(check, group, dependency.Message);
                }

                if (dependency.Status == StorageCheckStatus.Failed || (warningsBlock && dependency.Status == StorageCheckStatus.Warning))
                {
                    return StorageCheckResult.Skip(check, group, dependency);
                }
            }

            return null;
        }

        private StorageCheckResult CheckConfiguration()
        {
            const string check = NextcloudSetupChecks.Configuration;
            if (options.BaseAddress is not { IsAbsoluteUri: true } address)
            {
                return StorageCheckResult.Fail(check, StorageCheckGroup.Base, StorageSetupCodes.NotConfigured, "No Nextcloud address is configured. Set BaseAddress to the Nextcloud URL, including its sub-path if it has one (https://cloud.example.com/nextcloud/).");
            }

            if (address.Scheme != Uri.UriSchemeHttps && !options.AllowInsecureHttp && !address.IsLoopback)
            {
                return StorageCheckResult.Fail(check, StorageCheckGroup.Base, StorageSetupCodes.NotConfigured, $"The Nextcloud address {address.GetLeftPart(UriPartial.Path)} is not https, so tokens would travel unencrypted. Use the https address.");
            }

            _uris = new NextcloudUris(address);
            return StorageCheckResult.Pass(check, StorageCheckGroup.Base, $"The storage points at {_uris.Base}.", Data(("baseAddress", _uris.Base.ToString())));
        }

        private async Task<StorageCheckResult> CheckServerStatusAsync(string check, CancellationToken cancellationToken)
        {
            const StorageCheckGroup group = StorageCheckGroup.Base;
            var answer = await Probe.GetAsync(new Uri(_uris!.Base, "status.php"), "status.php", null, cancellationToken).ConfigureAwait(false);
            if (Unusable(check, group, answer, "status.php", $"There is no Nextcloud at {_uris.Base}: status.php was not found (HTTP 404). Check the host name and, if Nextcloud runs under a sub-path, include it (https://host/nextcloud/).") is { } problem)
            {
                return problem;
            }

            if (!TryParse(answer.Body, out var status) || status.ValueKind != JsonValueKind.Object
                || !status.TryGetProperty("installed", out var installed) || !status.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.String)
            {
                return StorageCheckResult.Fail(check, group, NextcloudSetupCodes.NotNextcloud, $"{_uris.Base} answers, but not as Nextcloud: status.php did not return Nextcloud's status. Check that the address points at Nextcloud, not another application.", Data(("httpStatus", Code(answer.Status))));
            }

            var versionText = version.GetString();
            var data = Data(("version", versionText), ("productName", Text(status, "productname")), ("edition", Text(status, "edition")));
            if (installed.ValueKind != JsonValueKind.True)
            {
                return StorageCheckResult.Fail(check, group, NextcloudSetupCodes.NextcloudNotInstalled, "Nextcloud answers but is not installed yet. Finish its installation first.", data);
            }

            if (Flag(status, "maintenance") || Flag(status, "needsDbUpgrade"))
            {
                var why = Flag(status, "maintenance") ? "is in maintenance mode" : "waits for a database upgrade";
                return StorageCheckResult.Fail(check, group, NextcloudSetupCodes.MaintenanceMode, $"Nextcloud {why}, so it answers no requests. Wait for the maintenance to end, or ask its administrator to finish it (occ maintenance:mode --off, occ upgrade).", data);
            }

            var parsed = Version.TryParse(versionText, out var v) ? v : null;
            if (parsed is null || parsed < setup.MinimumNextcloudVersion)
            {
                data["minimum"] = setup.MinimumNextcloudVersion.ToString();
                return StorageCheckResult.Fail(check, group, NextcloudSetupCodes.NextcloudVersionUnsupported, $"Nextcloud {versionText} is not supported; the oldest supported version is {setup.MinimumNextcloudVersion}. Upgrade Nextcloud.", data);
            }

            return StorageCheckResult.Pass(check, group, $"Nextcloud {Text(status, "versionstring") ?? versionText} answers and is not in maintenance.", data);
        }

        private async Task<StorageCheckResult> CheckCapabilitiesAsync(string check, CancellationToken cancellationToken)
        {
            const StorageCheckGroup group = StorageCheckGroup.Base;
            var answer = await Probe.GetAsync(new Uri(_uris!.Base, "ocs/v2.php/cloud/capabilities?format=json"), "the capabilities request", r => r.Headers.Add("OCS-APIRequest", "true"), cancellationToken).ConfigureAwait(false);
            if (Unusable(check, group, answer, "the capabilities request", "Nextcloud's OCS API was not found (HTTP 404) although status.php answers. Check the web server's rewrite rules for /ocs/ and any proxy in front of Nextcloud.") is { } problem)
            {
                return problem;
            }

            if (!TryParse(answer.Body, out var body)
                || !TryGet(body, out var capabilities, "ocs", "data", "capabilities") || capabilities.ValueKind != JsonValueKind.Object)
            {
                return StorageCheckResult.Fail(check, group, NextcloudSetupCodes.CapabilitiesMalformed, "Nextcloud's capabilities could not be read: the answer is not the OCS JSON with a capabilities object. Check for a proxy or app that changes the answer, and Nextcloud's log.", Data(("httpStatus", Code(answer.Status))));
            }

            _integrationApp = capabilities.TryGetProperty("integration_openproject", out var app) ? app.Clone() : default;
            var version = TryGet(body, out var v, "ocs", "data", "version", "string") && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return StorageCheckResult.Pass(check, group, "Nextcloud's capabilities were read.", Data(("nextcloudVersion", version)));
        }

        private StorageCheckResult CheckIntegrationApp(string check) =>
            _integrationApp.ValueKind == JsonValueKind.Object
                ? StorageCheckResult.Pass(check, StorageCheckGroup.Base, "The integration_openproject app is installed and enabled.")
                : StorageCheckResult.Fail(check, StorageCheckGroup.Base, NextcloudSetupCodes.IntegrationAppMissing, "The integration_openproject app is not installed or not enabled in Nextcloud. Install \"OpenProject Integration\" from Nextcloud's app store and enable it (occ app:enable integration_openproject).");

        private StorageCheckResult CheckIntegrationAppVersion(string check)
        {
            const StorageCheckGroup group = StorageCheckGroup.Base;
            var text = Text(_integrationApp, "app_version");
            var data = Data(("version", text), ("minimum", setup.MinimumIntegrationAppVersion.ToString()));
            return ParseAppVersion(text) switch
            {
                null => StorageCheckResult.Warn(check, group, NextcloudSetupCodes.IntegrationAppVersionUnreadable, $"The integration_openproject app reports the version \"{text}\", which is not major.minor.patch, so it cannot be compared with the minimum {setup.MinimumIntegrationAppVersion}. Update the app.", data),
                var version when version < setup.MinimumIntegrationAppVersion => StorageCheckResult.Warn(check, group, NextcloudSetupCodes.IntegrationAppTooOld, $"The integration_openproject app is version {text}, older than the minimum {setup.MinimumIntegrationAppVersion}. Update it in Nextcloud's app settings; some features may not work until then.", data),
                _ => StorageCheckResult.Pass(check, group, $"The integration_openproject app is version {text}.", data),
            };
        }

        private async Task<StorageCheckResult> CheckAuthorizationHeaderAsync(string check, CancellationToken cancellationToken)
        {
            const StorageCheckGroup group = StorageCheckGroup.Base;
            // Not a credential: a marker that is only useful if it comes back unchanged.
            var marker = "OpenProjectStoragesHeaderCheck" + Guid.NewGuid().ToString("N");
            var answer = await Probe.GetAsync(new Uri(_uris!.Base, "index.php/apps/integration_openproject/check-config"), "check-config", r => r.Headers.TryAddWithoutValidation("Authorization", marker), cancellationToken).ConfigureAwait(false);
            if (Unusable(check, group, answer, "check-config", "The integration app's check-config was not found (HTTP 404). Update the integration_openproject app.") is { } problem)
            {
                return problem;
            }

            if (!TryParse(answer.Body, out var body) || body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("authorization_header", out var echoed))
            {
                return StorageCheckResult.Fail(check, group, StorageSetupCodes.InvalidResponse, "The integration app's check-config answered something unexpected. Update the integration_openproject app and check Nextcloud's log.", Data(("httpStatus", Code(answer.Status))));
            }

            if (echoed.ValueKind == JsonValueKind.String && string.Equals(echoed.GetString(), marker, StringComparison.Ordinal))
            {
                return StorageCheckResult.Pass(check, group, "The Authorization header reaches Nextcloud.");
            }

            var what = echoed.ValueKind == JsonValueKind.String && echoed.GetString() is { Length: > 0 } ? "changed" : "removed";
            return StorageCheckResult.Fail(check, group, NextcloudSetupCodes.AuthorizationHeaderStripped, $"The Authorization header is {what} on its way to Nextcloud, so no token or app password can reach it. Configure the reverse proxy or web server to pass it on (Apache: \"SetEnvIf Authorization \\\"(.*)\\\" HTTP_AUTHORIZATION=$1\" or \"CGIPassAuth On\"; nginx: do not clear proxy headers).");
        }

        private StorageCheckResult CheckOAuthClient()
        {
            const string check = NextcloudSetupChecks.OAuthClient;
            return string.IsNullOrWhiteSpace(options.OAuthClientId) || string.IsNullOrWhiteSpace(options.OAuthClientSecret)
                ? StorageCheckResult.Fail(check, StorageCheckGroup.Authentication, StorageSetupCodes.OAuthClientNotConfigured, "No OAuth client is configured, so users cannot connect their Nextcloud accounts. Create an OAuth2 client in Nextcloud (Administration settings > Security, or the integration app's setup) and set OAuthClientId and OAuthClientSecret.")
                : StorageCheckResult.Pass(check, StorageCheckGroup.Authentication, "An OAuth client id and secret are configured.", Data(("clientId", options.OAuthClientId)));
        }

        private async Task<StorageCheckResult> CheckUserTokenAsync(string check, CancellationToken cancellationToken)
        {
            const StorageCheckGroup group = StorageCheckGroup.Authentication;
            if (context.ActingUser is not { } user)
            {
                return StorageCheckResult.Skip(check, group, "Not checked: no acting user was given. Run the validation as a logged-in administrator to check user access.");
            }

            if (owner._tokenStore() is not { } store)
            {
                return StorageCheckResult.Skip(check, group, "Not checked: no IStorageTokenStore is registered, so user tokens cannot be looked up. Register the host's token store.");
            }

            var token = await store.GetAsync(owner._connection.StorageId, user, cancellationToken).ConfigureAwait(false);
            return token is null
                ? StorageCheckResult.Warn(check, group, StorageSetupCodes.TokenMissing, "You have not connected your Nextcloud account, so user access could not be checked. Log in to Nextcloud from the host app, then run the checks again.")
                : StorageCheckResult.Pass(check, group, "You have a Nextcloud token.", Data(("nextcloudUser", token.Token.StorageUserId)));
        }

        private async Task<StorageCheckResult> CheckUserRequestAsync(string check, CancellationToken cancellationToken)
        {
            const StorageCheckGroup group = StorageCheckGroup.Authentication;
            var actor = StorageActor.ForUser(context.ActingUser!.Value);
            var failure = await CurrentUserAsync(actor, cancellationToken).ConfigureAwait(false);
            return failure switch
            {
                null => StorageCheckResult.Pass(check, group, "A request on your behalf to Nextcloud succeeded."),
                { Code: var c } when c == StorageErrorCode.Unauthorized => StorageCheckResult.Fail(check, group, StorageSetupCodes.UserRequestUnauthorized, "Nextcloud refused your token. Log in to Nextcloud again from the host app; if it keeps failing, check that the OAuth client in Nextcloud is the configured one (re-running the integration setup recreates it).", Data(("httpStatus", failure.HttpStatus?.ToString(CultureInfo.InvariantCulture)))),
                _ => StorageCheckResult.Fail(check, group, StorageSetupCodes.UserRequestFailed, $"A request on your behalf failed: {failure.Message}", Data(("httpStatus", failure.HttpStatus?.ToString(CultureInfo.InvariantCulture)), ("error", failure.Code.Value))),
            };
        }

        private StorageCheckResult CheckTeamFoldersApp(string check)
        {
            const StorageCheckGroup group = StorageCheckGroup.ProjectFolders;
            var text = Text(_integrationApp, "groupfolder_version");
            var enabled = _integrationApp.ValueKind == JsonValueKind.Object && _integrationApp.TryGetProperty("groupfolders_enabled", out var e) && e.ValueKind == JsonValueKind.True;
            var data = Data(("version", text), ("minimum", setup.MinimumTeamFoldersVersion.ToString()));
            if (string.IsNullOrEmpty(text) || text == "0")
            {
                return StorageCheckResult.Fail(check, group, NextcloudSetupCodes.TeamFoldersAppMissing, "The Team folders app (groupfolders) is not installed, so project folders cannot be managed. Install it in Nextcloud and enable it.", data);
            }

            if (!enabled)
            {
                return StorageCheckResult.Fail(check, group, NextcloudSetupCodes.TeamFoldersAppDisabled, "The Team folders app (groupfolders) is installed but not enabled (or not for the OpenProject group). Enable it in Nextcloud's apps (occ app:enable groupfolders).", data);
            }

            return ParseAppVersion(text) is { } version && version < setup.MinimumTeamFoldersVersion
                ? StorageCheckResult.Warn(check, group, NextcloudSetupCodes.TeamFoldersAppTooOld, $"The Team folders app is version {text}, older than the minimum {setup.MinimumTeamFoldersVersion}. Update it in Nextcloud.", data)
                : StorageCheckResult.Pass(check, group, $"The Team folders app {text} is installed and enabled.", data);
        }

        private async Task<StorageCheckResult> CheckTechnicalUserAsync(string check, CancellationToken cancellationToken)
        {
            const StorageCheckGroup group = StorageCheckGroup.ProjectFolders;
            if (string.IsNullOrEmpty(options.TechnicalUserAppPassword) || string.IsNullOrWhiteSpace(options.TechnicalUserName))
            {
                return StorageCheckResult.Fail(check, group, NextcloudSetupCodes.AppPasswordMissing, $"No app password is configured for the technical user {options.TechnicalUserName}. Create one with the integration app's setup (setup_app_password) and set TechnicalUserAppPassword.");
            }

            var failure = await CurrentUserAsync(StorageActor.TechnicalUser, cancellationToken).ConfigureAwait(false);
            var data = Data(("user", options.TechnicalUserName), ("httpStatus", failure?.HttpStatus?.ToString(CultureInfo.InvariantCulture)));
            return failure switch
            {
                null => StorageCheckResult.Pass(check, group, $"The technical user {options.TechnicalUserName} can log in with its app password.", data),
                { Code: var c } when c == StorageErrorCode.Unauthorized => StorageCheckResult.Fail(check, group, NextcloudSetupCodes.AppPasswordRejected, $"Nextcloud refused the app password of the technical user {options.TechnicalUserName}. It was mistyped, revoked or replaced (renewing it in the integration app invalidates the old one). Set the current app password.", data),
                _ => Failed(check, group, failure, data),
            };
        }

        private async Task<StorageCheckResult> CheckTeamFolderAsync(string check, CancellationToken cancellationToken)
        {
            const StorageCheckGroup group = StorageCheckGroup.ProjectFolders;
            var connection = owner._connection;
            var data = Data(("teamFolder", options.TeamFolderName));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(setup.RequestTimeout);
            try
            {
                var requestContext = new NextcloudRequestContext(StorageActor.TechnicalUser, options.TechnicalUserName);
                using var request = connection.CreateRequest(NextcloudConnection.Propfind, _uris!.Files(options.TechnicalUserName, StoragePath.Root.Combine(options.TeamFolderName)), requestContext);
                request.Headers.Add("Depth", "1");
                request.Content = new ByteArrayContent(PropfindBodies.TeamFolderSetup);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/xml; charset=utf-8");
                using var response = await connection.SendAsync(request, "the team folder check", deadline.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return StorageCheckResult.Fail(check, group, NextcloudSetupCodes.TeamFolderMissing, $"The team folder \"{options.TeamFolderName}\" does not exist, or the technical user {options.TechnicalUserName} is not in a group it is shared with. Create it in Nextcloud's Team folders settings for the group {options.GroupName} (the integration app's setup does this), or correct TeamFolderName.", data);
                }

                if (response.StatusCode != HttpStatusCode.MultiStatus)
                {
                    await connection.EnsureDavSuccessAsync(response, "the team folder check", deadline.Token).ConfigureAwait(false);
                    return StorageCheckResult.Fail(check, group, StorageSetupCodes.InvalidResponse, $"Nextcloud answered the team folder request with HTTP {(int)response.StatusCode} instead of a multistatus.", data);
                }

                var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    var entries = new List<TeamFolderEntry>();
                    await foreach (var resource in MultiStatusParser.ParseAsync(stream, teamFolderProperties: true, deadline.Token).ConfigureAwait(false))
                    {
                        if (resource.Href.Length > 0)
                        {
                            entries.Add(TeamFolderEntry.From(resource));
                        }
                    }

                    _teamFolder = entries;
                }
            }
            catch (StorageException ex)
            {
                return Failed(check, group, ex, data);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return TimedOut(check, group, "the team folder request");
            }
            catch (XmlException)
            {
                return StorageCheckResult.Fail(check, group, StorageSetupCodes.InvalidResponse, "Nextcloud answered the team folder request with malformed XML. Check for a proxy that changes WebDAV answers, and Nextcloud's log.", data);
            }
            catch (InvalidDataException)
            {
                return StorageCheckResult.Fail(check, group, StorageSetupCodes.InvalidResponse, "Nextcloud answered the team folder request with XML that is not a multistatus. Check for a proxy that changes WebDAV answers, and Nextcloud's log.", data);
            }

            if (_teamFolder.Count == 0)
            {
                return StorageCheckResult.Fail(check, group, StorageSetupCodes.InvalidResponse, "Nextcloud answered the team folder request with an empty multistatus.", data);
            }

            return _teamFolder[0].IsGroupMount
                ? StorageCheckResult.Pass(check, group, $"The team folder \"{options.TeamFolderName}\" exists.", data)
                : StorageCheckResult.Fail(check, group, NextcloudSetupCodes.TeamFolderNotATeamFolder, $"\"{options.TeamFolderName}\" is an ordinary folder of the technical user, not a team folder. Remove or rename it, and create a team folder of that name for the group {options.GroupName}.", data);
        }

        private StorageCheckResult CheckTeamFolderAcl(string check)
        {
            const StorageCheckGroup group = StorageCheckGroup.ProjectFolders;
            var folder = _teamFolder![0];
            if (!folder.AclEnabled)
            {
                return StorageCheckResult.Fail(check, group, NextcloudSetupCodes.TeamFolderAclNotManageable, $"Advanced permissions (ACL) are off for the team folder \"{options.TeamFolderName}\", so project folders cannot be restricted to project members. Turn on advanced permissions for it in Nextcloud's Team folders settings.");
            }

            return folder.AclCanManage
                ? StorageCheckResult.Pass(check, group, $"The technical user {options.TechnicalUserName} can manage the team folder's advanced permissions.")
                : StorageCheckResult.Fail(check, group, NextcloudSetupCodes.TeamFolderAclNotManageable, $"The technical user {options.TechnicalUserName} may not manage the advanced permissions of the team folder \"{options.TeamFolderName}\". Add the user {options.TechnicalUserName} to the folder's \"advanced permissions\" managers in Nextcloud's Team folders settings.");
        }

        private StorageCheckResult CheckProjectFoldersLinked()
        {
            const string check = StorageSetupChecks.ProjectFoldersLinked;
            const StorageCheckGroup group = StorageCheckGroup.ProjectFolders;
            if (context.ManagedProjectFolders is not { } projects)
            {
                return StorageCheckResult.Skip(check, group, NoProjectList);
            }

            var unlinked = projects.Where(p => p.FolderId is null).Select(p => p.ProjectName).ToArray();
            return unlinked.Length == 0
                ? StorageCheckResult.Pass(check, group, $"All {projects.Count} managed projects have a folder.")
                : StorageCheckResult.Warn(check, group, StorageSetupCodes.ProjectFolderUnlinked, $"{unlinked.Length} of {projects.Count} managed projects have no folder yet ({Examples(unlinked)}). Run the project folder synchronisation; if it keeps failing, see its errors.", Data(("affected", unlinked.Length.ToString(CultureInfo.InvariantCulture)), ("total", projects.Count.ToString(CultureInfo.InvariantCulture)), ("examples", Examples(unlinked))));
        }

        private StorageCheckResult CheckProjectFoldersExist(string check)
        {
            const StorageCheckGroup group = StorageCheckGroup.ProjectFolders;
            if (context.ManagedProjectFolders is not { } projects)
            {
                return StorageCheckResult.Skip(check, group, NoProjectList);
            }

            var present = ChildIds();
            var missing = projects.Where(p => p.FolderId is { } id && !present.Contains(id.Value)).Select(p => p.ProjectName).ToArray();
            return missing.Length == 0
                ? StorageCheckResult.Pass(check, group, "Every linked project folder exists in the team folder.")
                : StorageCheckResult.Fail(check, group, StorageSetupCodes.ProjectFolderMissing, $"The folders of {missing.Length} project(s) are missing from the team folder ({Examples(missing)}). Restore them from Nextcloud's trash, or run the project folder synchronisation to create new ones.", Data(("affected", missing.Length.ToString(CultureInfo.InvariantCulture)), ("examples", Examples(missing))));
        }

        private StorageCheckResult CheckTeamFolderContents(string check)
        {
            const StorageCheckGroup group = StorageCheckGroup.ProjectFolders;
            if (context.ManagedProjectFolders is not { } projects)
            {
                return StorageCheckResult.Skip(check, group, NoProjectList);
            }

            var known = projects.Where(p => p.FolderId is not null).Select(p => p.FolderId!.Value.Value).ToHashSet(StringComparer.Ordinal);
            var unexpected = _teamFolder!.Skip(1).Where(e => e.FileId is null || !known.Contains(e.FileId)).Select(e => e.Name).ToArray();
            return unexpected.Length == 0
                ? StorageCheckResult.Pass(check, group, "The team folder holds only project folders.")
                : StorageCheckResult.Warn(check, group, StorageSetupCodes.UnexpectedFiles, $"The team folder holds {unexpected.Length} file(s) or folder(s) that belong to no project, for example {Examples(unexpected)}. Move them out of the team folder: users of every project may be able to see them.", Data(("count", unexpected.Length.ToString(CultureInfo.InvariantCulture)), ("examples", Examples(unexpected))));
        }

        private const string NoProjectList = "Not checked: the host gave no list of managed project folders (StorageSetupValidationContext.ManagedProjectFolders).";

        private HashSet<string> ChildIds() =>
            _teamFolder!.Skip(1).Where(e => e.FileId is not null).Select(e => e.FileId!).ToHashSet(StringComparer.Ordinal);

        private string Examples(IEnumerable<string> names) => string.Join(", ", names.Take(Math.Max(1, setup.UnexpectedFileExamples)));

        /// <summary><c>GET ocs/v2.php/cloud/user</c> as the actor: <see langword="null"/> when it worked, otherwise the mapped error.</summary>
        private async Task<StorageException?> CurrentUserAsync(StorageActor actor, CancellationToken cancellationToken)
        {
            var connection = owner._connection;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(setup.RequestTimeout);
            try
            {
                var requestContext = await connection.ResolveAsync(actor, deadline.Token).ConfigureAwait(false);
                using var request = connection.CreateOcsRequest(HttpMethod.Get, new Uri(_uris!.Base, "ocs/v2.php/cloud/user?format=json"), requestContext);
                using var response = await connection.SendAsync(request, "the current user request", deadline.Token).ConfigureAwait(false);
                await connection.ReadOcsAsync(response, OcsJsonContext.Default.OcsMetaOnlyResponse, r => r.Ocs?.Meta, "the current user request", deadline.Token).ConfigureAwait(false);
                return null;
            }
            catch (StorageException ex)
            {
                return ex;
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                return NextcloudErrors.TimedOut("the current user request", new TimeoutException(ex.Message, ex));
            }
        }

        private static StorageCheckResult Failed(string check, StorageCheckGroup group, StorageException error, Dictionary<string, string> data)
        {
            var code = error.Code switch
            {
                var c when c == StorageErrorCode.Unavailable && error.HttpStatus is null && error.InnerException is TimeoutException or OperationCanceledException or Polly.ExecutionRejectedException => StorageSetupCodes.Timeout,
                var c when c == StorageErrorCode.Unavailable => StorageSetupCodes.HostUnreachable,
                var c when c == StorageErrorCode.NotConfigured => StorageSetupCodes.NotConfigured,
                var c when c == StorageErrorCode.Unauthorized => StorageSetupCodes.TechnicalUserUnauthorized,
                _ => StorageSetupCodes.InvalidResponse,
            };
            if (error.HttpStatus is { } status)
            {
                data["httpStatus"] = status.ToString(CultureInfo.InvariantCulture);
            }

            return StorageCheckResult.Fail(check, group, code, error.Message, data);
        }

        private StorageCheckResult TimedOut(string check, StorageCheckGroup group, string what) =>
            StorageCheckResult.Fail(check, group, StorageSetupCodes.Timeout, $"Nextcloud did not answer {what} within {setup.RequestTimeout.TotalSeconds:0.#} s. Check whether it is overloaded.");

        /// <summary>The failure for an answer that is no answer, 404, a server error, HTML or another non-success; <see langword="null"/> for a 2xx non-HTML answer.</summary>
        private static StorageCheckResult? Unusable(string check, StorageCheckGroup group, ProbeAnswer answer, string what, string notFoundMessage)
        {
            if (!answer.Answered)
            {
                return StorageCheckResult.Fail(check, group, answer.FailureCode!, answer.Message);
            }

            var data = Data(("httpStatus", Code(answer.Status)));
            return answer.Status switch
            {
                404 => StorageCheckResult.Fail(check, group, StorageSetupCodes.HostNotFound, notFoundMessage, data),
                503 => StorageCheckResult.Fail(check, group, NextcloudSetupCodes.MaintenanceMode, $"Nextcloud answered {what} with HTTP 503: it is in maintenance mode or overloaded. Wait for the maintenance to end, or ask its administrator.", data),
                >= 500 => StorageCheckResult.Fail(check, group, StorageSetupCodes.HostUnreachable, $"Nextcloud answered {what} with a server error (HTTP {answer.Status}). Check Nextcloud's and the web server's logs.", data),
                _ when answer.IsHtml => StorageCheckResult.Fail(check, group, StorageSetupCodes.HtmlResponse, $"{what} was answered with an HTML page (HTTP {answer.Status}), not by Nextcloud's API: a login portal, a proxy's error page or another web site is in the way. Check the address and the proxy.", data),
                < 200 or >= 300 => StorageCheckResult.Fail(check, group, StorageSetupCodes.InvalidResponse, $"Nextcloud answered {what} with HTTP {answer.Status}. Check the address (a redirect means a wrong scheme or path) and the proxy.", data),
                _ => null,
            };
        }

        private static bool TryParse(byte[] body, out JsonElement root)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                root = document.RootElement.Clone();
                return true;
            }
            catch (JsonException)
            {
                root = default;
                return false;
            }
        }

        private static bool TryGet(JsonElement element, out JsonElement found, params string[] path)
        {
            found = element;
            foreach (var name in path)
            {
                if (found.ValueKind != JsonValueKind.Object || !found.TryGetProperty(name, out found))
                {
                    return false;
                }
            }

            return true;
        }

        private static string? Text(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null
                : null;

        private static bool Flag(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

        private static string Code(int status) => status.ToString(CultureInfo.InvariantCulture);
    }
}
