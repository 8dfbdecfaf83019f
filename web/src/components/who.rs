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

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use taawun_core::Lang;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn type_into(host: &web_sys::Element, css: &str, text: &str) {
        let input = host.query_selector(css).unwrap().unwrap().unchecked_into::<web_sys::HtmlInputElement>();
        input.set_value(text);
        input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    }

    #[wasm_bindgen_test]
    async fn the_names_are_asked_while_either_is_missing_and_kept_for_this_device_once_given() {
        let document = web_sys::window().unwrap().document().unwrap();
        let host = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        let state = AppState::load();
        state.lang.set(Lang::Fr);
        state.set_user("");
        state.set_device_name("Tablette 2");
        let _mounted = leptos::mount::mount_to(host.clone().unchecked_into(), move || view! { <NameYourself state /> });
        leptos::task::tick().await;
        assert!(!state.is_named());
        assert!(host.query_selector("#who-form").unwrap().is_some(), "asked while the user's name is missing");
        let device = host.query_selector("#who-device").unwrap().unwrap().unchecked_into::<web_sys::HtmlInputElement>();
        assert_eq!(device.value(), "Tablette 2", "the name already given is offered");

        type_into(&host, "#who-user", "  Salma ");
        host.query_selector("#who-save").unwrap().unwrap().unchecked_into::<web_sys::HtmlElement>().click();
        leptos::task::tick().await;
        assert!(state.is_named());
        assert_eq!((state.user.get_untracked(), state.device_name.get_untracked()), ("Salma".to_owned(), "Tablette 2".to_owned()));
        assert_eq!(crate::storage::load_user(), "Salma", "kept for this device");
        assert!(host.query_selector("#who-form").unwrap().is_none(), "asked once");
        state.set_user("");
        state.set_device_name("");
    }
}
