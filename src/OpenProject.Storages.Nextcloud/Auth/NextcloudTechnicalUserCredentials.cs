using System.Net.Http.Headers;
using System.Text;

namespace OpenProject.Storages.Nextcloud;

/// <summary>The technical user's <c>Authorization: Basic</c> header (RFC 7617: UTF-8, then base64).</summary>
public static class NextcloudTechnicalUserCredentials
{
    /// <summary>Creates the header for a user name and app password.</summary>
    /// <param name="userName">The Nextcloud user name; it must not contain <c>:</c>.</param>
    /// <param name="appPassword">The app password; any characters, including <c>:</c>, quotes, backslashes, <c>&lt;</c> and <c>&gt;</c>.</param>
    /// <returns>The header value. Its <see cref="AuthenticationHeaderValue.Parameter"/> is a secret.</returns>
    /// <exception cref="ArgumentException">The user name is empty or contains <c>:</c>, or the password is empty.</exception>
    public static AuthenticationHeaderValue CreateAuthorizationHeader(string userName, string appPassword)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentException.ThrowIfNullOrEmpty(appPassword);
        if (userName.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A Basic authentication user name cannot contain ':'.", nameof(userName));
        }

        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Concat(userName, ":", appPassword))));
    }

    /// <summary>Creates the header for a storage's configured technical user.</summary>
    /// <param name="options">The storage's options.</param>
    /// <returns>The header value. Its <see cref="AuthenticationHeaderValue.Parameter"/> is a secret.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotConfigured"/> when the user name or app password is missing or invalid.</exception>
    public static AuthenticationHeaderValue CreateAuthorizationHeader(NextcloudStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.TechnicalUserName) || options.TechnicalUserName.Contains(':', StringComparison.Ordinal) || string.IsNullOrEmpty(options.TechnicalUserAppPassword))
        {
            throw new StorageException(StorageErrorCode.NotConfigured, "The Nextcloud technical user needs a user name without ':' and an app password.");
        }

        return CreateAuthorizationHeader(options.TechnicalUserName, options.TechnicalUserAppPassword);
    }
}
