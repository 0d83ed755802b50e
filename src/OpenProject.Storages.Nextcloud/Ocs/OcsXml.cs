using System.Xml;
using OpenProject.Storages.Nextcloud.Internal;
using OpenProject.Storages.Nextcloud.WebDav;

namespace OpenProject.Storages.Nextcloud.Ocs;

/// <summary>
/// Reads the meta block of an OCS answer that came as XML although JSON was asked for (Nextcloud does
/// this when the integration app is disabled), only to explain the failure.
/// </summary>
internal static class OcsXml
{
    public static async Task<string?> ReadMetaDetailAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await LimitedBody.ReadAsync(content, cancellationToken).ConfigureAwait(false);
            using var stream = new MemoryStream(bytes, writable: false);
            using var reader = XmlReader.Create(stream, MultiStatusParser.CreateSettings());
            string? statusCode = null;
            string? message = null;
            var more = await reader.ReadAsync().ConfigureAwait(false);
            while (more && (statusCode is null || message is null))
            {
                // ReadElementContentAsString already moves to the next node, so only other nodes need a Read.
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == 2 && reader.LocalName == "statuscode")
                {
                    statusCode = (await reader.ReadElementContentAsStringAsync().ConfigureAwait(false)).Trim();
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.Depth == 2 && reader.LocalName == "message")
                {
                    message = (await reader.ReadElementContentAsStringAsync().ConfigureAwait(false)).Trim();
                }
                else
                {
                    more = await reader.ReadAsync().ConfigureAwait(false);
                    continue;
                }

                more = !reader.EOF;
            }

            return statusCode is null ? null : $"OCS status {statusCode}: {message}";
        }
        catch (XmlException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
