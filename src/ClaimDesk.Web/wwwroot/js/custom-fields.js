// The staff intake form carries every register's custom fields; show those of the chosen register only.
(() => {
    const select = document.getElementById('Form_Register');
    if (!select) {
        return;
    }

    const show = () => document.querySelectorAll('[data-register-fields]').forEach(set => {
        set.hidden = set.dataset.registerFields !== select.value;
    });
    select.addEventListener('change', show);
    show();
})();
