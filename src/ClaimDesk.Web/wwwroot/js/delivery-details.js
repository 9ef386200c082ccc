// A delivery method's own fields (the pickup address, the parcel locker id) show only while it is chosen. Without
// JavaScript they all show, each with a hint saying when it is needed; the server checks them either way.
(() => {
    document.querySelectorAll('select[data-delivery-select]').forEach(select => {
        const form = select.closest('form');
        const show = () => form.querySelectorAll('[data-delivery-for]').forEach(field => {
            field.hidden = field.dataset.deliveryFor !== select.value;
        });
        select.addEventListener('change', show);
        show();
    });
})();
