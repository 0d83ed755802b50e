using System.Xml;
using OpenProject.Storages.Nextcloud.Internal;
using OpenProject.Storages.Nextcloud.WebDav.Xml;

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
            var (statusCode, message) = ReadMeta(bytes);
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

    private static (string? StatusCode, string? Message) ReadMeta(ReadOnlySpan<byte> body)
    {
        var reader = Utf8XmlReader.ReadRoot(body, new XmlReaderState());
        while (reader.ReadChild())
        {
            if (!reader.LocalName.SequenceEqual("meta"u8))
            {
                reader.Skip();
                continue;
            }

            string? statusCode = null;
            string? message = null;
            while (reader.ReadChild())
            {
                if (reader.LocalName.SequenceEqual("statuscode"u8))
                {
                    statusCode = Utf8XmlReader.Decode(reader.ReadText()).Trim();
                }
                else if (reader.LocalName.SequenceEqual("message"u8))
                {
                    message = Utf8XmlReader.Decode(reader.ReadText()).Trim();
                }
                else
                {
                    reader.Skip();
                }
            }

            return (statusCode, message);
        }

        return (null, null);
    }
}
