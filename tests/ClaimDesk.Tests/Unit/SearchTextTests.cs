using ClaimDesk.Core.Common;

namespace ClaimDesk.Tests.Unit;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Zażółć gęślą jaźń", "zazolc gesla jazn")]
    [InlineData("ŁÓDŹ Łukasz", "lodz lukasz")]
    [InlineData("Příliš žluťoučký kůň úpěl ďábelské ódy", "prilis zlutoucky kun upel dabelske ody")]
    [InlineData("Straße Ærø", "strasse aero")]
    public void Polish_and_Czech_letters_fold_to_their_plain_letters(string text, string folded) =>
        Assert.Equal(folded, SearchText.Fold(text));

    [Fact]
    public void A_document_is_folded_words_separated_by_single_spaces() =>
        Assert.Equal("rma 2026 000001 jan kowalski example pl peknieta obudowa",
            SearchText.Document(["RMA-2026-000001", null, " jan.kowalski@example.pl ", "Pęknięta -- obudowa."]));

    [Fact]
    public void Each_piece_of_a_search_is_a_phrase_of_folded_words()
    {
        Assert.Equal([["rma", "2026", "000001"], ["gesla"]], SearchText.Phrases("RMA-2026-000001  gęślą"));
        Assert.Empty(SearchText.Phrases(" - ; "));
        Assert.Equal(8, SearchText.Phrases(string.Join(' ', Enumerable.Range(1, 20))).Count);
    }
}
