//! The small form that asks, once per device, who is making changes and on which device, when
//! either name is missing: history records both with every change, and a merge is not applied
//! without them. The names are kept as Settings keeps them (per browser profile).

use leptos::prelude::*;

use crate::i18n::{Label, t};
use crate::state::AppState;

/// Asks for the user's and the device's names while either is empty; nothing once both are set.
#[component]
pub fn NameYourself(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let user = RwSignal::new(state.user.get_untracked());
    let device = RwSignal::new(state.device_name.get_untracked());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (typed_user, typed_device) = (user.get_untracked(), device.get_untracked());
        if !typed_user.trim().is_empty() {
            state.set_user(&typed_user);
        }
        if !typed_device.trim().is_empty() {
            state.set_device_name(&typed_device);
        }
    };
    move || {
        (!state.is_named()).then(|| {
            let lang = lang.get();
            view! {
                <form class="banner info who" id="who-form" on:submit=save>
                    <p id="who-hint">{t(Label::NameYourselfFirst, lang)}</p>
                    <div class="field">
                        <label for="who-user">{t(Label::YourName, lang)}</label>
                        <input id="who-user" type="text" autocomplete="name" dir="auto" required
                            prop:value=move || user.get() on:input=move |ev| user.set(event_target_value(&ev)) />
                    </div>
                    <div class="field">
                        <label for="who-device">{t(Label::DeviceName, lang)}</label>
                        <input id="who-device" type="text" dir="auto" required aria-describedby="who-device-hint"
                            prop:value=move || device.get() on:input=move |ev| device.set(event_target_value(&ev)) />
                        <p class="hint" id="who-device-hint">{t(Label::DeviceNameHint, lang)}</p>
                    </div>
                    <button type="submit" id="who-save">{t(Label::Save, lang)}</button>
                </form>
            }
        })
    }
}
