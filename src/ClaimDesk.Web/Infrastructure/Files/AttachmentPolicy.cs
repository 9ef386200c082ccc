using System.Globalization;
using ClaimDesk.Core.Claims;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Infrastructure.Files;

/// <summary>
/// What may be attached: a size limit (<c>ClaimDesk:Attachments:MaxBytes</c>), a type read from the file's own bytes
/// (never from its name or the client's content type), and a file name that is a plain name.
/// </summary>
public sealed class AttachmentPolicy(IOptions<ClaimDeskOptions> options)
{
    public const string Field = "file";
    public const int MaxNameLength = 200;

    /// <summary>The bytes a file needs at most for <see cref="DetectContentType"/>.</summary>
    public const int HeadLength = 16;

    public long MaxBytes => options.Value.Attachments.MaxBytes;

    /// <summary>The limit in whole megabytes (rounded up), as people read it.</summary>
    public string MaxMegabytes => Math.Ceiling(MaxBytes / (1024d * 1024d)).ToString(CultureInfo.CurrentCulture);

    /// <summary>The most files one request of a page that takes uploads may carry (a message, a web submission).</summary>
    public const int MaxFilesPerRequest = 10;

    /// <summary>
    /// The largest request body a page that takes up to <paramref name="files"/> uploads reads. Bodies up to three
    /// limits more than the files allowed are still read (each file to the limit + 1 bytes into the store, the rest
    /// only by the form reader, which spools to disk), so that the refusal is the clear one on the page itself; a
    /// bigger body is cut off by the server, and the error page explains it (<see cref="Features.ErrorModel"/>).
    /// </summary>
    public static long RequestLimit(long maxBytes, int files = 1) => ((files + 3) * maxBytes) + (1024 * 1024);

    public long MaxRequestBytes => RequestLimit(MaxBytes, MaxFilesPerRequest);

    /// <summary>The content types ClaimDesk accepts, from the file's first bytes; null for anything else.</summary>
    public static string? DetectContentType(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        // ISO base media: a box size, then "ftyp" and the major brand.
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = head[8..12];
            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("hevc"u8) || brand.SequenceEqual("hevx"u8))
            {
                return "image/heic";
            }

            if (brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8))
            {
                return "image/heif";
            }
        }

        return null;
    }

    /// <summary>
    /// Refuses names that are not a plain file name: empty, longer than <see cref="MaxNameLength"/>, with a path
    /// separator or <c>..</c>, or with control characters. The name is only ever shown and sent back as the download's
    /// name, never used as a path, but a name like <c>../../x.jpg</c> tells of an attempt and is refused outright.
    /// </summary>
    public static FieldError? CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return new FieldError(Field, "Choose a file to attach.");
        }

        if (name.Length > MaxNameLength)
        {
            return new FieldError(Field, "The file name is longer than {0} characters.", MaxNameLength);
        }

        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal)
            || name.Contains("..", StringComparison.Ordinal) || name.Any(char.IsControl))
        {
            return new FieldError(Field, "The file name must not contain slashes, '..' or control characters.");
        }

        return null;
    }

    /// <summary>Checks what was received: size, then type. Returns the detected content type, or the refusal.</summary>
    public (string? ContentType, FieldError? Error) Check(PendingFile file)
    {
        if (file.TooLarge)
        {
            return (null, new FieldError(Field, "The file is too large: at most {0} MB may be attached.", MaxMegabytes));
        }

        if (file.Length == 0)
        {
            return (null, new FieldError(Field, "The file is empty."));
        }

        var type = DetectContentType(file.Head);
        return type is null
            ? (null, new FieldError(Field, "Only PDF documents and JPEG, PNG, GIF, WebP or HEIC images may be attached; this file is none of them."))
            : (type, null);
    }
}
