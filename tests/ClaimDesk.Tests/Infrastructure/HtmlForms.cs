using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>Reads pages and submits their forms the way a browser without JavaScript does.</summary>
public static class HtmlForms
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>
    /// Submits the first form on <paramref name="url"/> whose fields include the given names: its hidden fields
    /// (antiforgery token) are sent as they are, the given values override the rest.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, string url, IReadOnlyDictionary<string, string> values, string? formSelector = null)
    {
        var page = await client.GetPageAsync(url);
        var form = formSelector is not null
            ? (IHtmlFormElement)page.QuerySelector(formSelector)!
            : page.Forms.First(f => values.Keys.All(k => f.Elements.OfType<IHtmlElement>().Any(e => e.GetAttribute("name") == k)));
        var fields = FieldsOf(form, values);
        fields.AddRange(values.Where(v => v.Value is not null));
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// Presses the submit button whose text is <paramref name="button"/> in a loaded form, as a browser without
    /// JavaScript does: to the button's form action or else the form's, with the fields as drawn and
    /// <paramref name="values"/> overriding them (names the page lacks are added, like a row typed into).
    /// </summary>
    public static async Task<HttpResponseMessage> PressAsync(
        this HttpClient client, IHtmlFormElement form, IReadOnlyDictionary<string, string> values, string button)
    {
        var submitter = form.QuerySelectorAll("button[type=submit]:not([aria-hidden])").Single(b => b.TextContent.Trim() == button);
        var action = submitter.GetAttribute("formaction") ?? form.GetAttribute("action");
        Assert.False(string.IsNullOrEmpty(action), "The form has no action: it would post to whatever address the page was drawn from.");
        var fields = FieldsOf(form, values);
        fields.AddRange(values);
        return await client.PostAsync(System.Net.WebUtility.HtmlDecode(action), new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// Sends a loaded form as multipart, as a browser does when files are chosen: its fields as drawn, then
    /// <paramref name="values"/>, then the files (each under its field name; the file name goes out as given). The
    /// form's action, or <paramref name="button"/>'s when given.
    /// </summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(
        this HttpClient client, IHtmlFormElement form, IReadOnlyDictionary<string, string> values,
        IEnumerable<(string Field, string FileName, byte[] Bytes)> files, string? button = null)
    {
        var action = button is null
            ? form.GetAttribute("action")
            : form.QuerySelectorAll("button[type=submit]").Single(b => b.TextContent.Trim() == button).GetAttribute("formaction")
                ?? form.GetAttribute("action");
        Assert.False(string.IsNullOrEmpty(action), "The form has no action.");
        var body = new MultipartFormDataContent();
        foreach (var (name, value) in FieldsOf(form, values).Concat(values))
        {
            body.Add(new StringContent(value), name);
        }

        foreach (var (field, fileName, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            file.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data")
            {
                Name = $"\"{field}\"",
                FileName = $"\"{fileName}\"",
            };
            body.Add(file);
        }

        return await client.PostAsync(System.Net.WebUtility.HtmlDecode(action), body);
    }

    /// <summary>What a browser sends of a form: its fields as drawn, except those named in <paramref name="values"/>.</summary>
    private static List<KeyValuePair<string, string>> FieldsOf(IHtmlFormElement form, IReadOnlyDictionary<string, string> values)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || values.ContainsKey(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when box.IsChecked:
                    fields.Add(new(name, box.Value));
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" or "submit" or "button" or "file" }:
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement text:
                    fields.Add(new(name, text.Value));
                    break;
            }
        }

        return fields;
    }

    /// <summary>Signs in through the sign-in page; returns the response (a redirect when it worked).</summary>
    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password) =>
        client.SubmitFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
}
