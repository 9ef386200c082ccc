using ClaimDesk.Web.Infrastructure.Files;

namespace ClaimDesk.Tests.Unit;

/// <summary>What may be attached: the type comes from the file's first bytes, the name must be a plain name.</summary>
public sealed class AttachmentPolicyTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, "image/png")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "application/pdf")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0 }, "image/gif")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50 }, "image/webp")]
    [InlineData(new byte[] { 0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63, 0, 0 }, "image/heic")]
    public void A_file_is_recognised_by_its_first_bytes(byte[] head, string expected) =>
        Assert.Equal(expected, AttachmentPolicy.DetectContentType(head));

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0 })] // a Windows executable (MZ)
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E })] // <html>
    [InlineData(new byte[] { 0x50, 0x4B, 3, 4, 0x14, 0 })] // a ZIP archive
    [InlineData(new byte[] { 0xFF, 0xD8 })] // a JPEG cut short
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 })] // RIFF, but WAVE audio
    [InlineData(new byte[0])]
    public void Anything_else_is_not_an_accepted_type_whatever_its_name(byte[] head) =>
        Assert.Null(AttachmentPolicy.DetectContentType(head));

    [Theory]
    [InlineData("photo.jpg")]
    [InlineData("Faktura VAT 12-2026.pdf")]
    [InlineData("zdjęcie pralki (1).jpeg")]
    [InlineData("a.b.c.png")]
    public void A_plain_file_name_is_accepted(string name) => Assert.Null(AttachmentPolicy.CheckName(name));

    [Theory]
    [InlineData("../../x.jpg")]
    [InlineData("..\\..\\x.jpg")]
    [InlineData("/etc/passwd")]
    [InlineData("C:\\Windows\\x.jpg")]
    [InlineData("..")]
    [InlineData("x..jpg")]
    [InlineData("x\u0000.jpg")]
    [InlineData("x\n.jpg")]
    [InlineData("x\u001b[31m.jpg")]
    [InlineData("")]
    [InlineData("   ")]
    public void A_name_with_a_path_dots_or_control_characters_is_refused(string name)
    {
        var error = AttachmentPolicy.CheckName(name);

        Assert.NotNull(error);
        Assert.Equal("file", error.Field);
    }

    [Fact]
    public void A_name_of_200_characters_is_accepted_and_one_of_201_is_refused()
    {
        Assert.Null(AttachmentPolicy.CheckName(new string('a', 196) + ".pdf"));
        Assert.Equal("The file name is longer than {0} characters.", AttachmentPolicy.CheckName(new string('a', 197) + ".pdf")!.Message);
    }
}
