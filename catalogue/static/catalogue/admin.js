'use strict';
// Django's autocomplete (select2) draws a combobox named only by the value chosen, so an
// empty one has no name for a screen reader (axe: aria-input-field-name). Name each by
// its field's label, or, in a table row that has no <label>, by the aria-label the server
// gave the <select> (catalogue/admin/base.py). Run after Django's autocomplete.js has drawn
// the widgets: it draws them in a jQuery ready handler, which jQuery 3 runs after a pause
// (so possibly after the load event); and after it draws those of a new inline row.
{
    const nameComboboxes = () => {
        document.querySelectorAll('select.admin-autocomplete').forEach((select) => {
            const drawn = select.nextElementSibling;
            const box = drawn && drawn.querySelector('.select2-selection[role=combobox]');
            if (!box || box.dataset.opisNamed) {
                return;
            }
            const label = select.id && document.querySelector(`label[for="${select.id}"]`);
            if (label) {
                label.id = label.id || `${select.id}_label`;
                const value = box.getAttribute('aria-labelledby');
                box.setAttribute('aria-labelledby', value ? `${label.id} ${value}` : label.id);
            } else if (select.getAttribute('aria-label')) {
                box.removeAttribute('aria-labelledby');
                box.setAttribute('aria-label', select.getAttribute('aria-label'));
            }
            // The value inside is read as part of the box's name: it is no textbox of its own.
            box.querySelectorAll('[role=textbox]').forEach((value) => {
                value.removeAttribute('role');
                value.removeAttribute('aria-readonly');
            });
            box.dataset.opisNamed = 'yes';
        });
    };
    const later = () => setTimeout(nameComboboxes, 0);
    window.addEventListener('load', later);
    if (window.django && django.jQuery) {
        django.jQuery(later);
    }
    document.addEventListener('formset:added', later);
}
