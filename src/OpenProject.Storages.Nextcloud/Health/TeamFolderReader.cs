using System.Text;
using System.Xml;

namespace OpenProject.Storages.Nextcloud.Health;

/// <summary>Reads the team folder PROPFIND (depth 1) as it streams: per response the href, file id, mount type and ACL flags.</summary>
internal static class TeamFolderReader
{
    private const string Dav = "DAV:";
    private const string OwnCloud = "http://owncloud.org/ns";
    private const string Nextcloud = "http://nextcloud.org/ns";

    public static readonly byte[] Body = Encoding.UTF8.GetBytes(
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

    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <exception cref="XmlException">The body is not well-formed XML.</exception>
    public static async Task<List<TeamFolderEntry>> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        var entries = new List<TeamFolderEntry>();
        using var reader = XmlReader.Create(body, Settings);
        string? href = null, fileId = null;
        // Properties reported in a 404 propstat are empty elements, so they read as false or nothing.
        bool groupMount = false, aclEnabled = false, aclCanManage = false;
        await reader.MoveToContentAsync().ConfigureAwait(false);
        while (!reader.EOF)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.NamespaceURI, reader.LocalName)
                {
                    case (Dav, "response"):
                        (href, fileId, groupMount, aclEnabled, aclCanManage) = (null, null, false, false, false);
                        break;
                    case (Dav, "href"):
                        href = await reader.ReadElementContentAsStringAsync().ConfigureAwait(false);
                        continue;
                    case (OwnCloud, "fileid"):
                        fileId = (await reader.ReadElementContentAsStringAsync().ConfigureAwait(false)).Trim();
                        continue;
                    case (Nextcloud, "mount-type"):
                        groupMount = string.Equals((await reader.ReadElementContentAsStringAsync().ConfigureAwait(false)).Trim(), "group", StringComparison.Ordinal);
                        continue;
                    case (Nextcloud, "group-folder-id"):
                        groupMount |= (await reader.ReadElementContentAsStringAsync().ConfigureAwait(false)).Trim().Length > 0;
                        continue;
                    case (Nextcloud, "acl-enabled"):
                        aclEnabled = IsTrue(await reader.ReadElementContentAsStringAsync().ConfigureAwait(false));
                        continue;
                    case (Nextcloud, "acl-can-manage"):
                        aclCanManage = IsTrue(await reader.ReadElementContentAsStringAsync().ConfigureAwait(false));
                        continue;
                    default:
                        break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.NamespaceURI == Dav && reader.LocalName == "response" && href is not null)
            {
                entries.Add(new TeamFolderEntry(href, fileId, groupMount, aclEnabled, aclCanManage));
            }

            // Reading an element's content already moved past it; only other nodes advance here.
            await reader.ReadAsync().ConfigureAwait(false);
        }

        return entries;
    }

    private static bool IsTrue(string value) => value.Trim() is "1" or "true";
}
