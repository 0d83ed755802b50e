namespace OpenProject.Storages;

/// <summary>
/// The provider-neutral codes of setup warnings and failures (<see cref="StorageCheckResult.Code"/>).
/// Providers add their own (Nextcloud: <c>NextcloudSetupCodes</c>). Every code, with its cause and fix,
/// is listed in <c>docs/setup-and-troubleshooting.md</c>.
/// </summary>
public static class StorageSetupCodes
{
    /// <summary>A setting the storage needs (its address, a client id, a password) is missing or invalid.</summary>
    public const string NotConfigured = nameof(NotConfigured);

    /// <summary>The host answered 404 where the storage's API should be: a wrong host name or path.</summary>
    public const string HostNotFound = nameof(HostNotFound);

    /// <summary>No connection: the name does not resolve, the connection is refused, TLS fails, or the host answers with a server error.</summary>
    public const string HostUnreachable = nameof(HostUnreachable);

    /// <summary>The host did not answer within the check's time-out.</summary>
    public const string Timeout = nameof(Timeout);

    /// <summary>The host answered with an HTML page (a login page, a proxy's error page, a web site) where the API should answer.</summary>
    public const string HtmlResponse = nameof(HtmlResponse);

    /// <summary>The host answered something that cannot be read (malformed or truncated data, an unexpected status).</summary>
    public const string InvalidResponse = nameof(InvalidResponse);

    /// <summary>The storage has no OAuth client id and secret configured, so no user can connect.</summary>
    public const string OAuthClientNotConfigured = nameof(OAuthClientNotConfigured);

    /// <summary>The acting user has no token for the storage: they never logged in, or their token was removed. A warning.</summary>
    public const string TokenMissing = nameof(TokenMissing);

    /// <summary>The storage refused the acting user's token on a user-bound request.</summary>
    public const string UserRequestUnauthorized = nameof(UserRequestUnauthorized);

    /// <summary>A user-bound request failed for another reason than the token.</summary>
    public const string UserRequestFailed = nameof(UserRequestFailed);

    /// <summary>The storage refused the technical user's credentials.</summary>
    public const string TechnicalUserUnauthorized = nameof(TechnicalUserUnauthorized);

    /// <summary>Projects with automatically managed folders have no folder linked yet. A warning.</summary>
    public const string ProjectFolderUnlinked = nameof(ProjectFolderUnlinked);

    /// <summary>A project's linked folder does not exist in the storage any more.</summary>
    public const string ProjectFolderMissing = nameof(ProjectFolderMissing);

    /// <summary>The folder that holds the project folders contains files or folders no project owns. A warning, with examples.</summary>
    public const string UnexpectedFiles = nameof(UnexpectedFiles);
}
