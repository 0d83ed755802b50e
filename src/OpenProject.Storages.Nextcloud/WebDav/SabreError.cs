using System.Text;
using System.Xml;
using OpenProject.Storages.Nextcloud.Internal;
using OpenProject.Storages.Nextcloud.WebDav.Xml;

namespace OpenProject.Storages.Nextcloud.WebDav;

/// <summary>
/// Reads Sabre's error body (<c>d:error</c> with <c>s:exception</c> and <c>s:message</c>) for the
/// detail of a <see cref="StorageException"/>. Matches by local name so Nextcloud's odd extra
/// namespaces (<c>o:</c>) do not matter; never fails: an unreadable body gives no detail.
/// </summary>
internal static class SabreError
{
    private const int MaxDetailLength = 500;

    public static async Task<string?> ReadDetailAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null || !IsXml(content))
        {
            return null;
        }

        try
        {
            var bytes = await LimitedBody.ReadAsync(content, cancellationToken).ConfigureAwait(false);
            var reader = Utf8XmlReader.ReadRoot(bytes, new XmlReaderState());
            string? exception = null;
            string? message = null;
            while (reader.ReadChild())
            {
                if (reader.LocalName.SequenceEqual("exception"u8))
                {
                    exception = Normalize(Utf8XmlReader.Decode(reader.ReadText()));
                }
                else if (reader.LocalName.SequenceEqual("message"u8))
                {
                    message = Normalize(Utf8XmlReader.Decode(reader.ReadText()));
                }
                else
                {
                    reader.Skip();
                }
            }

            return Format(exception, message);
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

    private static string? Format(string? exception, string? message)
    {
        var text = (exception, message) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) => $"{message} ({exception})",
            (_, { Length: > 0 }) => message,
            ({ Length: > 0 }, _) => exception,
            _ => null,
        };
        return text is { Length: > MaxDetailLength } ? text[..MaxDetailLength] + "…" : text;
    }

    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    internal static bool IsXml(HttpContent content)
    {
        var mediaType = content.Headers.ContentType?.MediaType;
        return mediaType is not null && (mediaType.EndsWith("/xml", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase));
    }
}
