import { ChangeDetectionStrategy, Component } from '@angular/core';
import { FirstExampleComponent } from './first-example/first-example.component';

@Component({
  selector: 'app-root',
  imports: [FirstExampleComponent],
  templateUrl: './app.component.html',
  styleUrl: './app.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppComponent {
  readonly title = 'rxjs-taskgroup';
}
