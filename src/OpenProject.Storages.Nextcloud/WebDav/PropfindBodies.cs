using System.Text;

namespace OpenProject.Storages.Nextcloud.WebDav;

/// <summary>The PROPFIND request bodies, built once.</summary>
internal static class PropfindBodies
{
    /// <summary>What a listing or an item read needs (OpenProject's set, plus the type, etag and creation time).</summary>
    public static readonly byte[] Item = Encoding.UTF8.GetBytes(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
          <d:prop>
            <oc:fileid/>
            <oc:size/>
            <d:getcontenttype/>
            <d:getlastmodified/>
            <d:resourcetype/>
            <d:getetag/>
            <oc:permissions/>
            <oc:owner-display-name/>
            <nc:creation_time/>
          </d:prop>
        </d:propfind>
        """);

    /// <summary>Only ids and types, for path-to-id maps and name checks.</summary>
    public static readonly byte[] IdsOnly = Encoding.UTF8.GetBytes(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns">
          <d:prop>
            <oc:fileid/>
            <d:resourcetype/>
          </d:prop>
        </d:propfind>
        """);

    /// <summary>Ids, types and team folder ACL rules, for project folder sync (the root read and every read-back).</summary>
    public static readonly byte[] Acl = Encoding.UTF8.GetBytes(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
          <d:prop>
            <oc:fileid/>
            <d:resourcetype/>
            <nc:acl-list/>
          </d:prop>
        </d:propfind>
        """);

    /// <summary>Ids, mount type and ACL switches of the team folder and its children, for the setup checks.</summary>
    public static readonly byte[] TeamFolderSetup = Encoding.UTF8.GetBytes(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
          <d:prop>
            <oc:fileid/>
            <nc:mount-type/>
            <nc:acl-enabled/>
            <nc:acl-can-manage/>
            <nc:group-folder-id/>
          </d:prop>
        </d:propfind>
        """);
}
