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
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                if (reader.NodeType != XmlNodeType.Element || reader.Depth != 2)
                {
                    continue;
                }

                if (reader.LocalName == "statuscode")
                {
                    statusCode = (await reader.ReadElementContentAsStringAsync().ConfigureAwait(false)).Trim();
                }
                else if (reader.LocalName == "message")
                {
                    message = (await reader.ReadElementContentAsStringAsync().ConfigureAwait(false)).Trim();
                }

                if (statusCode is not null && message is not null)
                {
                    break;
                }
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
