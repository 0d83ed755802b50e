namespace OpenProject.Storages.Nextcloud;

/// <summary>How a request to Nextcloud authenticates; chosen per operation by its <see cref="StorageActor"/>.</summary>
public enum NextcloudAuthenticationStrategy
{
    /// <summary>No credentials (for example the public capabilities endpoint).</summary>
    None,

    /// <summary>The host user's own OAuth2 access token as <c>Authorization: Bearer</c>: everything a person does (Files tab, file picker, upload, download, open).</summary>
    UserBearerToken,

    /// <summary>The technical user's app password as <c>Authorization: Basic</c>: userless work (project folders, group membership, health checks).</summary>
    TechnicalUserBasic,
}
