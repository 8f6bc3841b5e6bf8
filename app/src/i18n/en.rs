use super::Texts;
use crate::model::Problem;

pub static TEXTS: Texts = Texts {
    app_name: "Minsheng",
    app_tagline: "12345 citizen service hotline",
    switch_language: "中文",
    hotline_hint: "You can also call 12345, answered around the clock.",
    footer: "12345 Citizen Service Hotline",
    not_found_title: "Page not found",
    not_found_body: "The page you asked for does not exist or has moved.",
    back_home: "Back to home",
    loading: "Loading…",

    home_report: "Report a problem",
    home_report_hint: "Complaint, report, help, question, suggestion, praise",
    home_snap: "Snap and report",
    home_snap_hint: "Take a photo of a problem and send it now",
    home_track: "Track my case",
    home_track_hint: "Use your ticket number and query code",

    report_title: "Report a problem",
    snap_title: "Snap and report",
    report_intro: "Please describe the problem truthfully. Fields marked * are required.",
    choose: "Choose…",
    label_kind: "Type of request",
    label_category: "Category",
    label_category_group: "Area",
    label_district: "District",
    label_street: "Street / town",
    label_address: "Address",
    placeholder_address: "e.g. east gate, 88 Guhuai Road",
    label_position: "Position on the map",
    locate_button: "Use my location",
    locating: "Locating…",
    located: "Located",
    locate_failed: "Could not get your location; please type the address.",
    locate_clear: "Clear position",
    label_description: "Description",
    placeholder_description: "What happened? Since when? What would you like done?",
    label_contact_name: "Your name",
    label_contact_phone: "Mobile number",
    label_confidential: "Keep my identity confidential",
    hint_confidential: "The department handling your case will not see your name or number; hotline staff pass messages on.",
    label_publish_consent: "Allow publishing my case",
    hint_publish_consent: "Without your name, number or house number, the case and its reply may appear on the public board.",
    label_photos: "Photos",
    add_photo: "Take / choose photos",
    remove_photo: "Remove",
    preparing_photos: "Shrinking photos…",
    label_form: "Submission",
    submit: "Submit",
    uploading: "Uploading",
    processing: "Uploaded, processing…",
    fix_errors: "Please correct the fields marked in red and submit again.",
    network_error: "Network error: nothing was submitted. Your answers are still on this page; please try again.",
    needs_javascript: "The report form needs JavaScript turned on in your browser. You can also call 12345 to report.",
    section_problem: "What is the problem",
    section_place: "Where",
    section_contact: "How to reach you",

    kind_complaint: "Complaint",
    kind_report: "Report",
    kind_help: "Help",
    kind_inquiry: "Question",
    kind_suggestion: "Suggestion",
    kind_praise: "Praise",

    done_title: "Submitted",
    done_ticket_no: "Ticket number",
    done_query_code: "Query code",
    done_keep_code: "Keep the query code: it is shown only this once. You need the ticket number and the query code to follow your case.",
    done_copy: "Copy ticket number and code",
    done_copied: "Copied",
    done_qr_caption: "Scan or save this image to check progress any time",
    done_track_now: "Track this case",
    done_code_gone: "The query code is shown only once, right after submitting. If you lost it, call 12345 with your ticket number.",
    done_another: "Report another problem",

    track_title: "Track my case",
    track_intro: "Enter the ticket number and query code you received when submitting.",
    track_ticket_no: "Ticket number",
    track_query_code: "Query code",
    track_submit: "Look up",
    track_not_found: "No case matches this ticket number and query code. Please check both.",
    track_bad_ticket_no: "A ticket number looks like 20261122-000123.",
    track_rate_limited: "Too many lookups. Please try again in a minute.",
    track_status: "Status",
    track_kind: "Type",
    track_category: "Category",
    track_district: "District",
    track_submitted_at: "Submitted",
    track_timeline: "Progress",
    track_photos: "Photos",
    step_submitted: "Case submitted",
    step_accepted: "Accepted by the 12345 hotline",
    step_rejected: "Not accepted",
    step_duplicate_of: "Same as an existing case; follow that one: ",
    step_dispatched: "Passed to the department: ",
    step_contacted: "The department contacted you",
    step_extended: "Extension approved; reply promised by ",
    step_replied: "Reply from the department",
    step_responder: "Responder",
    step_followed_up: "The department followed up with you",
    step_closed: "Closed",

    error_internal: "The server had a problem. Please try again later.",
};

fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes.div_ceil(1 << 20))
}

pub fn problem(p: &Problem) -> String {
    match p {
        Problem::Required => "This field is required.".into(),
        Problem::TooShort { min, actual } => {
            format!("At least {min} characters, now {actual}.")
        }
        Problem::TooLong { max, actual } => format!("At most {max} characters, now {actual}."),
        Problem::UnknownChoice => "Please choose from the list.".into(),
        Problem::StreetNotInDistrict => {
            "This street is not in the chosen district; please choose again.".into()
        }
        Problem::InvalidPhone => "Enter an 11-digit mobile number, e.g. 13812345678.".into(),
        Problem::InvalidPosition => {
            "The position is not valid; locate again or clear it.".into()
        }
        Problem::PositionOutsideCity => {
            "The position is outside this city; clear it and type the address.".into()
        }
        Problem::TooManyPhotos { max } => format!("At most {max} photos."),
        Problem::PhotoTooLarge { photo, max_bytes } => format!(
            "Photo {photo} is too large: at most {} each.",
            megabytes(*max_bytes)
        ),
        Problem::PhotoNotImage { photo } => {
            format!("File {photo} is not a photo: only JPEG, PNG and WebP images are accepted.")
        }
        Problem::PhotoTypeMismatch { photo, declared, actual } => format!(
            "Photo {photo} claims to be {declared} but contains {actual}; please choose the original picture."
        ),
        Problem::PhotoUnreadable { photo } => {
            format!("Photo {photo} is damaged or incomplete and cannot be opened; please take or choose it again.")
        }
        Problem::PhotoTooManyPixels { photo, max_megapixels } => {
            format!("Photo {photo} has too many pixels (over {max_megapixels} megapixels).")
        }
        Problem::BodyTooLarge { max_bytes } => format!(
            "The submission is too large: at most {} in all. Please send fewer photos.",
            megabytes(*max_bytes)
        ),
        Problem::MalformedUpload => {
            "The submitted data was malformed; please reload the page and try again.".into()
        }
        Problem::TooManySubmissions => {
            "Too many submissions. Please try again in a minute; your answers are still on this page.".into()
        }
        Problem::UploadTooSlow { max_secs } => format!(
            "The connection is too slow: the photos did not arrive within {max_secs} seconds. Send fewer photos or try another network; your answers are still on this page."
        ),
        Problem::ServerBusy { retry_after_secs } => format!(
            "Many people are submitting right now. Please try again in {retry_after_secs} seconds; your answers are still on this page."
        ),
    }
}
