// Type-ahead for inputs with data-lookup="/lookup/…": suggestions come from the server as the user types and fill a
// <datalist>; choosing one fills the fields named in data-fill ("name:Form_CustomerName,taxId:Form_CustomerTaxId").
// Without JavaScript the inputs are plain text fields.
(function () {
    'use strict';

    function attach(input) {
        var list = input.list;
        if (!list || input.dataset.lookupReady) { return; }
        input.dataset.lookupReady = 'true';
        var timer = null;
        var items = {};
        input.addEventListener('input', function () {
            var chosen = items[input.value];
            if (chosen) { fill(input, chosen); return; }
            clearTimeout(timer);
            var q = input.value.trim();
            if (q.length < 2) { return; }
            timer = setTimeout(function () {
                fetch(input.dataset.lookup + '?q=' + encodeURIComponent(q), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
                    .then(function (response) { return response.ok ? response.json() : { items: [] }; })
                    .then(function (page) {
                        items = {};
                        list.replaceChildren.apply(list, page.items.map(function (item) {
                            items[item.value] = item;
                            var option = document.createElement('option');
                            option.value = item.value;
                            option.label = item.label;
                            return option;
                        }));
                    });
            }, 250);
        });
    }

    function fill(input, item) {
        (input.dataset.fill || '').split(',').forEach(function (pair) {
            var parts = pair.split(':');
            var target = document.getElementById(parts[1]);
            var value = item.fill[parts[0]];
            if (target && value !== undefined && value !== null) { target.value = value; }
        });
    }

    document.querySelectorAll('input[data-lookup]').forEach(attach);
    document.addEventListener('htmx:afterSettle', function () { document.querySelectorAll('input[data-lookup]').forEach(attach); });
}());
